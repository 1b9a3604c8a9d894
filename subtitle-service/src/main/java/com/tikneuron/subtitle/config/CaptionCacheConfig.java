package com.tikneuron.subtitle.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Caption cache policy: tracks are kept for good, a video's track list (and so "no captions") only briefly. */
@ConfigMapping(prefix = "tikneuron.captions")
public interface CaptionCacheConfig {

    /** How long a video's list of tracks, and so a "no captions" answer, is trusted before TikTok is asked again. */
    Duration trackListTtl();
}

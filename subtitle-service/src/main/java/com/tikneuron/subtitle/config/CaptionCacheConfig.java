package com.tikneuron.subtitle.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Caption cache policy: tracks are kept for good, a video's track list (and so "no captions") only briefly; fetch claims. */
@ConfigMapping(prefix = "tikneuron.captions")
public interface CaptionCacheConfig {

    /** How long a video's list of tracks, and so a "no captions" answer, is trusted before TikTok is asked again. */
    Duration trackListTtl();

    /** How long a fetch claim holds before another instance may take it over (longer than any fetch may take). */
    Duration claimLease();

    /** How often an instance waiting on another's claim looks for the result. */
    Duration claimPoll();

    /** Characters of rendered subtitles kept in memory, so a cached hit is not rendered again. */
    long renderedMaxChars();
}

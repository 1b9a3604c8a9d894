package com.tikneuron.subtitle.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Caption cache policy: tracks are kept for good, a video's track list (and so "no captions") only briefly. */
@ConfigMapping(prefix = "tikneuron.captions")
public interface CaptionCacheConfig {

    /** How long a video's list of tracks, and so a "no captions" answer, is trusted before TikTok is asked again. */
    Duration trackListTtl();

    /** Characters of rendered subtitles kept in memory, so a cached hit is not rendered again. */
    long renderedMaxChars();

    /**
     * How long a track just served stays in this replica's memory. Stored tracks never change, so this only bounds
     * how long a replica keeps answering from memory what PostgreSQL also holds.
     */
    Duration memoTtl();

    /** Bytes of caption tracks kept in memory at most. */
    long memoMaxBytes();
}

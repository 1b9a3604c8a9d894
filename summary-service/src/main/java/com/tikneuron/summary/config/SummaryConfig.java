package com.tikneuron.summary.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Price, prompt version and transcript limits of the summarize capability. */
@ConfigMapping(prefix = "tikneuron.summary")
public interface SummaryConfig {

    /** Credits held on a cache miss and captured on success. */
    int price();

    /**
     * Credits per started minute of audio added to the price when the transcript has to be made by speech
     * recognition first (mode generate or auto); a transcript made before, for anyone, adds nothing.
     */
    int speechCreditsPerMinute();

    /** Folder under prompts/ on the classpath holding the prompt files in use. */
    String promptVersion();

    /** Estimated transcript tokens above which the transcript is summarised in chunks (map-reduce). */
    int maxInputTokens();

    /** Estimated tokens per chunk in the map step. */
    int chunkTokens();

    /** Chunks summarised at the same time in the map step. */
    int chunkConcurrency();

    /** Limit on summarising one video, kept under the gateway's timeout so a slow model ends in a refunded failure. */
    Duration workTimeout();

    /** Transcripts longer than this are refused: no video has that much speech. */
    int maxTranscriptChars();
}

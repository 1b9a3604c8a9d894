package com.tikneuron.summary.repository;

/** What makes two summaries interchangeable: same video, shape, language, prompts and transcript text. */
public record CacheKey(String videoId, String summaryType, String language, String promptVersion, String transcriptSha256) {
}

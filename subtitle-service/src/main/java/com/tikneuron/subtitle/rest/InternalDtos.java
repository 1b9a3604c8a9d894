package com.tikneuron.subtitle.rest;

import java.util.List;

/** Records of the internal API (contracts/subtitle-internal-api.yaml); snake_case on the wire. */
public final class InternalDtos {

    private InternalDtos() {
    }

    public record ResolveBody(String url) {
    }

    public record Resolved(String videoId, String canonicalUrl) {
    }

    public record Author(String uniqueId, String nickname) {
    }

    public record Music(String title, String author) {
    }

    public record Stats(Long plays, Long likes, Long comments, Long shares, Long saves) {
    }

    public record Caption(String language, String source, String format) {
    }

    public record Metadata(String videoId, String canonicalUrl, Author author, String description, List<String> hashtags,
            Music music, Stats stats, Integer durationSeconds, String createdAt, boolean photoPost, List<Caption> captions,
            List<String> images) {
    }

    public record TimedText(double start, double end, String text) {
    }

    public record TranscriptBody(String videoId, String language, String source, String text, List<TimedText> cues) {
    }
}

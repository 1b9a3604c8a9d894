package com.tikneuron.summary.client;

import java.util.List;

/** A video's spoken text as subtitle-service serves it, with its TikTok track language (e.g. eng-US). */
public record Transcript(String videoId, String language, String source, String text, List<Cue> cues) {

    /** One timed caption line. */
    public record Cue(double start, double end, String text) {
    }
}

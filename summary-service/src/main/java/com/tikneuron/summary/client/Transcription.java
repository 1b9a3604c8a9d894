package com.tikneuron.summary.client;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A video's words with their timings, as the speech service made them: {@code cached} is true when no recognition
 * ran for this request (it had been made before, or another request's recognition was shared).
 */
@RegisterForReflection(targets = {Transcription.Word.class, Transcription.Segment.class})
public record Transcription(String videoId, String engine, String language, double duration, boolean cached,
        String text, List<Word> words, List<Segment> segments) {

    /** One recognised word, times in seconds from the start of the audio. */
    public record Word(String word, double start, double end) {
    }

    /** A phrase or sentence. */
    public record Segment(double start, double end, String text) {
    }
}

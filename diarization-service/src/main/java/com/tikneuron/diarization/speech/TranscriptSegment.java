package com.tikneuron.diarization.speech;

/** A stretch of speech (a phrase or sentence) with its text, in seconds from the start of the audio. */
public record TranscriptSegment(double start, double end, String text) {
}

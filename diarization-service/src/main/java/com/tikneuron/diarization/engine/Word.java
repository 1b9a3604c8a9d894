package com.tikneuron.diarization.engine;

/** One recognised word and when it was spoken, in seconds from the start of the audio. */
public record Word(String word, double start, double end) {
}

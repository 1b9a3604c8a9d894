package com.tikneuron.diarization.speech;

/** A word from the recogniser with its timing (seconds) and the recogniser's confidence in it (0 to 1). */
public record RecognizedWord(String word, double start, double end, double confidence) {
}

package com.tikneuron.diarization.engine;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One recognised word and when it was spoken, in seconds from the start of the audio. */
@RegisterForReflection
public record Word(String word, double start, double end) {
}

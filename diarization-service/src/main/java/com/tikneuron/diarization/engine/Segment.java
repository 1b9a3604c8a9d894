package com.tikneuron.diarization.engine;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** One speaker turn: who spoke, when, what was said and the timing of each word. */
@RegisterForReflection
public record Segment(String speaker, double start, double end, String text, List<Word> words) {

    public Segment {
        words = List.copyOf(words);
    }
}

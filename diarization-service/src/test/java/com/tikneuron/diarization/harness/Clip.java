package com.tikneuron.diarization.harness;

import java.util.List;

import com.tikneuron.diarization.engine.Audio;

/** A synthetic conversation with its exact reference. */
record Clip(String name, int speakers, boolean music, Audio audio, List<ReferenceTurn> reference) {
}

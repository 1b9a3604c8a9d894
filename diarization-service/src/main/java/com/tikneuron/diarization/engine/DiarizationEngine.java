package com.tikneuron.diarization.engine;

import java.util.List;

/** Audio in, speaker turns out. Implementations may block: they are always called on the diarization workers. */
public interface DiarizationEngine {

    /** Names the engine and its version; part of the cache key, so a new version never serves old results. */
    String id();

    /**
     * Speaker turns in time order, labelled "Speaker A", "Speaker B", … in order of first appearance.
     *
     * @throws EngineFailedException when the audio cannot be diarized (no speech, engine refused it)
     */
    List<Segment> diarize(Audio audio);
}

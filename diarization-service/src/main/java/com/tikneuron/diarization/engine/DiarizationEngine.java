package com.tikneuron.diarization.engine;

import java.util.List;
import java.util.function.Supplier;

import com.tikneuron.diarization.speech.Transcript;

/** Audio in, speaker turns out. Implementations may block: they are always called on the diarization workers. */
public interface DiarizationEngine {

    /** Names the engine and its version; part of the cache key, so a new version never serves old results. */
    String id();

    /**
     * Speaker turns in time order, labelled "Speaker A", "Speaker B", … in order of first appearance. An engine that
     * needs the words asks {@code transcript} for them (the speech service's, cached or recognised once); an engine
     * that recognises speech itself never calls it.
     *
     * @throws EngineFailedException when the audio cannot be diarized (no speech, engine refused it)
     */
    default List<Segment> diarize(Audio audio, Supplier<Transcript> transcript) {
        return diarize(audio, transcript, SpeakerHints.NONE);
    }

    /**
     * The same, with the number of speakers kept within the caller's {@code hints} (an engine that cannot take
     * hints documents so and ignores them).
     */
    List<Segment> diarize(Audio audio, Supplier<Transcript> transcript, SpeakerHints hints);

    /**
     * Whether the engine takes its words from the speech service: then a video whose words are cached needs only the
     * speaker stage, which is priced lower.
     */
    default boolean usesTranscript() {
        return false;
    }
}

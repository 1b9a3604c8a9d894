package com.tikneuron.diarization.speech;

import java.util.Optional;

import com.tikneuron.diarization.engine.Audio;

/** Audio in, timed words out. Implementations may block: they are always called on the diarization workers. */
public interface SpeechEngine {

    /** Names the engine and its version (or model); part of the cache key. */
    String id();

    /**
     * Whether this engine can transcribe speech in the hinted language, checked before any work: a language it
     * cannot do is refused with {@link LanguageNotSupportedException}.
     */
    void checkLanguage(Optional<String> languageHint);

    /**
     * The transcript of the audio.
     *
     * @throws com.tikneuron.diarization.engine.EngineFailedException when there is no speech or the engine
     *         cannot make sense of the audio
     * @throws LanguageNotSupportedException when the speech is in a language this engine cannot transcribe
     * @throws SpeechUnavailableException when a remote engine cannot be reached
     */
    Transcript transcribe(Audio audio, Optional<String> languageHint);
}

package com.tikneuron.diarization.speech;

import com.tikneuron.diarization.engine.EngineFailedException;

/** The speech is in a language the configured engine cannot transcribe; refused rather than transcribed wrongly. */
public class LanguageNotSupportedException extends EngineFailedException {

    public LanguageNotSupportedException(String language) {
        super("Transcribing " + language + " needs a speech engine for it; none is configured on this server");
    }
}

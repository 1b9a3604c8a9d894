package com.tikneuron.diarization.engine;

/** The engine could not produce a diarization; the message is the reason shown to the customer. */
public class EngineFailedException extends RuntimeException {

    public static final String NO_SPEECH = "No speech detected in this video";

    public EngineFailedException(String message) {
        super(message);
    }

    public EngineFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

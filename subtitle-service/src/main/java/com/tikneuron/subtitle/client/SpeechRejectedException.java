package com.tikneuron.subtitle.client;

/**
 * The speech service gave a definite "no" (contracts/speech-internal-api.yaml): {@code not_transcribed},
 * {@code no_speech}, {@code language_not_supported} or {@code processing_failed}. An answer, not an outage.
 */
public class SpeechRejectedException extends RuntimeException {

    public static final String NOT_TRANSCRIBED = "not_transcribed";
    public static final String NO_SPEECH = "no_speech";

    private final int status;
    private final String errorCode;

    public SpeechRejectedException(int status, String errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }
}

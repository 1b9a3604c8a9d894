package com.tikneuron.summary.client;

/**
 * The speech service gave a definite "no" (contracts/speech-internal-api.yaml): {@code not_transcribed},
 * {@code no_speech}, {@code language_not_supported} or {@code processing_failed}. An answer, not an outage.
 */
public class SpeechRejectedException extends RuntimeException {

    public static final String NOT_TRANSCRIBED = "not_transcribed";
    public static final String NO_SPEECH = "no_speech";
    public static final String PROCESSING_FAILED = "processing_failed";

    private final String errorCode;

    public SpeechRejectedException(String errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}

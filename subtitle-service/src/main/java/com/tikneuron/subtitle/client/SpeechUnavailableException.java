package com.tikneuron.subtitle.client;

/** The speech service could not be reached, was full, or failed on its side: worth a retry later. */
public class SpeechUnavailableException extends RuntimeException {

    public SpeechUnavailableException(String message) {
        super(message);
    }

    public SpeechUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

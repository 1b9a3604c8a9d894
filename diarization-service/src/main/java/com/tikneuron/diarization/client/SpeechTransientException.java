package com.tikneuron.diarization.client;

import java.time.Duration;

/** The speech server is busy, failing or slow (429, 5xx, timeout, broken connection): another attempt may work. */
public class SpeechTransientException extends RuntimeException {

    private final Duration retryAfter;

    public SpeechTransientException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** The wait the server asked for with Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

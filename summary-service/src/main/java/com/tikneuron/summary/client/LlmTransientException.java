package com.tikneuron.summary.client;

import java.time.Duration;

/** The language model is busy, failing or slow (429, 5xx, timeout, broken connection): another attempt may work. */
public class LlmTransientException extends RuntimeException {

    private final Duration retryAfter;

    public LlmTransientException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** The wait the server asked for with Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

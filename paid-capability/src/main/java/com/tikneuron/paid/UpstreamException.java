package com.tikneuron.paid;

import java.time.Duration;

/**
 * A service this one calls (another of ours, a language model or speech server) could not answer: down, 5xx, 429,
 * too slow. Worth another attempt, and never the caller's fault.
 */
public class UpstreamException extends RuntimeException {

    private final transient Duration retryAfter;

    public UpstreamException(String message) {
        this(message, null);
    }

    public UpstreamException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** The wait the service asked for with Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

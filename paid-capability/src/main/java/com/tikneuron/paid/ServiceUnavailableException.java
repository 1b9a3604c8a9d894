package com.tikneuron.paid;

/** A service this one depends on is down; answered as 503 service_unavailable and never charged. */
public class ServiceUnavailableException extends RuntimeException {

    private final Integer creditsRemaining;

    public ServiceUnavailableException(String message) {
        this(message, null);
    }

    public ServiceUnavailableException(String message, Integer creditsRemaining) {
        super(message);
        this.creditsRemaining = creditsRemaining;
    }

    /** Available credits reported by the hold, when one was made. */
    public Integer creditsRemaining() {
        return creditsRemaining;
    }
}

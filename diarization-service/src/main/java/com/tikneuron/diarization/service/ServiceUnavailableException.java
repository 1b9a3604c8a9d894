package com.tikneuron.diarization.service;

/** A service this one depends on is down; answered as 503 service_unavailable and never charged. */
public class ServiceUnavailableException extends RuntimeException {

    private final Integer creditsRemaining;

    public ServiceUnavailableException(String message, Integer creditsRemaining) {
        super(message);
        this.creditsRemaining = creditsRemaining;
    }

    public Integer creditsRemaining() {
        return creditsRemaining;
    }
}

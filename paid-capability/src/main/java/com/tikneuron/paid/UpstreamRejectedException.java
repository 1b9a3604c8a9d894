package com.tikneuron.paid;

/**
 * A service this one calls gave a definite "no" (a 4xx other than 408 and 429): an answer, not an outage, so it is
 * neither retried nor counted by a circuit breaker. Our internal APIs name the reason in {@code error_code}
 * (contracts/*-internal-api.yaml); a model server's refusal has none.
 */
public class UpstreamRejectedException extends RuntimeException {

    private final int status;
    private final String errorCode;

    public UpstreamRejectedException(int status, String errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    /** The answer's {@code error_code}; {@code processing_failed} when it had none, null from a model server. */
    public String errorCode() {
        return errorCode;
    }
}

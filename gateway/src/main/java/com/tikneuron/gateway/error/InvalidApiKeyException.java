package com.tikneuron.gateway.error;

/** The API key is missing, unknown or revoked; the caller sees only the contract's 401 body. */
public class InvalidApiKeyException extends RuntimeException {

    private final String reason;

    public InvalidApiKeyException(String reason) {
        super("API key refused: " + reason, null, false, false);
        this.reason = reason;
    }

    /** missing, unknown or revoked: for metrics, never for the response. */
    public String reason() {
        return reason;
    }
}

package com.tikneuron.gateway.error;

/** A request refused before any work, with the status, error code and message the caller gets. */
public class RejectedRequestException extends RuntimeException {

    private final int status;
    private final String errorCode;

    public RejectedRequestException(int status, String errorCode, String message) {
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

package com.tikneuron.paid;

/**
 * The error answer of one of this service's internal routes (contracts/*-internal-api.yaml): its HTTP status,
 * {@code error_code} and message. {@code PaidExceptionMappers} answers it as the error body, without credit headers:
 * internal routes move no credits, their callers hold and settle.
 */
public class InternalApiException extends RuntimeException {

    private final int status;
    private final String errorCode;

    public InternalApiException(int status, String errorCode, String message) {
        super(message);
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

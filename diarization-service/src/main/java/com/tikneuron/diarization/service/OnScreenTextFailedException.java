package com.tikneuron.diarization.service;

/**
 * On-screen text that could not be read, with the internal API's status and error code: {@code invalid_request}
 * (400), {@code language_not_supported} or {@code processing_failed} (422), {@code service_unavailable} (503).
 */
public class OnScreenTextFailedException extends RuntimeException {

    public static final String INVALID_REQUEST = "invalid_request";
    public static final String LANGUAGE_NOT_SUPPORTED = "language_not_supported";
    public static final String PROCESSING_FAILED = "processing_failed";
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";

    private final int status;
    private final String errorCode;

    public OnScreenTextFailedException(int status, String errorCode, String message) {
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

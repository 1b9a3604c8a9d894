package com.tikneuron.diarization.service;

import com.tikneuron.paid.InternalApiException;

/**
 * On-screen text that could not be read, with the internal API's status and error code: {@code invalid_request}
 * (400), {@code language_not_supported} or {@code processing_failed} (422), {@code service_unavailable} (503).
 */
public class OnScreenTextFailedException extends InternalApiException {

    public static final String INVALID_REQUEST = "invalid_request";
    public static final String LANGUAGE_NOT_SUPPORTED = "language_not_supported";
    public static final String PROCESSING_FAILED = "processing_failed";
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";

    public OnScreenTextFailedException(int status, String errorCode, String message) {
        super(status, errorCode, message);
    }
}

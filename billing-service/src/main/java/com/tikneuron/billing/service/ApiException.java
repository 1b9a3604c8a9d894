package com.tikneuron.billing.service;

import java.util.Map;
import java.util.List;

/** A failure with a status and an error body for the caller; never carries internals. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final Map<String, List<String>> errors;

    public ApiException(int status, String errorCode, String message) {
        this(status, errorCode, message, null);
    }

    public ApiException(int status, String errorCode, String message, Map<String, List<String>> errors) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.errors = errors;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public Map<String, List<String>> errors() {
        return errors;
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException invalid(Map<String, List<String>> errors) {
        return new ApiException(422, "invalid_request", "The given data was invalid.", errors);
    }
}

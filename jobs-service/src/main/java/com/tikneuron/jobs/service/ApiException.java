package com.tikneuron.jobs.service;

import java.util.List;
import java.util.Map;

/** A request refused with one of the public API's error answers; the request id is added by ExceptionMappers. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final Map<String, List<String>> errors;

    private ApiException(int status, String errorCode, String message, Map<String, List<String>> errors) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.errors = errors;
    }

    public static ApiException of(int status, String errorCode, String message) {
        return new ApiException(status, errorCode, message, null);
    }

    /** 422 with the contract's validation body: every failing field with its messages. */
    public static ApiException invalid(Map<String, List<String>> errors) {
        return new ApiException(422, null, "The given data was invalid.", errors);
    }

    public static ApiException notFound(String what) {
        return of(404, "not_found", "No " + what + " with this id.");
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
}

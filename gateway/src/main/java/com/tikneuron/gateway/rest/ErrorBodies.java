package com.tikneuron.gateway.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The public error bodies: the contract's fields in the contract's order, then request_id. */
final class ErrorBodies {

    private ErrorBodies() {
    }

    /** 401, exactly the contract's body plus the request id. */
    @JsonPropertyOrder({ "success", "error", "request_id" })
    record InvalidApiKey(boolean success, String error, @JsonProperty("request_id") String requestId) {

        static InvalidApiKey of(String requestId) {
            return new InvalidApiKey(false, "Invalid API Key", requestId);
        }
    }

    /** 422 for request fields that break the contract. */
    @JsonPropertyOrder({ "message", "errors", "request_id" })
    record InvalidData(String message, Map<String, List<String>> errors,
            @JsonProperty("request_id") String requestId) {

        static InvalidData of(Map<String, List<String>> errors, String requestId) {
            return new InvalidData("The given data was invalid.", errors, requestId);
        }
    }

    /** Every other error: a stable code, a sentence for people, the request id. */
    @RegisterForReflection
    @JsonPropertyOrder({ "error_code", "message", "request_id" })
    record Error(@JsonProperty("error_code") String errorCode, String message,
            @JsonProperty("request_id") String requestId) {
    }
}

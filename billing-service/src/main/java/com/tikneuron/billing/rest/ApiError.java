package com.tikneuron.billing.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Error body of every billing API: a stable code, a sentence, the field errors when any, the request id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "error_code", "message", "errors", "request_id" })
public record ApiError(String errorCode, String message, Map<String, List<String>> errors, String requestId) {
}

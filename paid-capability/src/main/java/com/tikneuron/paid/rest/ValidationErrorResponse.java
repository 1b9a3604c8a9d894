package com.tikneuron.paid.rest;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The public contract's 422 body for invalid request fields. */
@RegisterForReflection
public record ValidationErrorResponse(String message, Map<String, List<String>> errors, String requestId) {
}

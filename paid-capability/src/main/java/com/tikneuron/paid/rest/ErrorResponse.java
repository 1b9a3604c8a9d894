package com.tikneuron.paid.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The public error body. */
@RegisterForReflection
public record ErrorResponse(String errorCode, String message, String requestId) {
}

package com.tikneuron.paid;

import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The {"error_code", "message"} body our internal APIs answer errors with, as a client reads it. */
@RegisterForReflection
public record ErrorBody(String errorCode, String message) {

    /** The body of an error answer; empty fields when it has none or it is not ours. */
    public static ErrorBody of(Response response) {
        try {
            ErrorBody body = response.readEntity(ErrorBody.class);
            return body == null ? new ErrorBody(null, null) : body;
        } catch (RuntimeException unreadable) {
            return new ErrorBody(null, null);
        }
    }
}

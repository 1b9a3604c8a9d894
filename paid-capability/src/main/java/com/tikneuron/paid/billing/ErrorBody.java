package com.tikneuron.paid.billing;

import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The {"error_code", "message"} body our internal APIs answer errors with. */
@RegisterForReflection
record ErrorBody(String errorCode, String message) {

    static ErrorBody of(Response response) {
        try {
            ErrorBody body = response.readEntity(ErrorBody.class);
            return body == null ? new ErrorBody(null, null) : body;
        } catch (RuntimeException unreadable) {
            return new ErrorBody(null, null);
        }
    }
}

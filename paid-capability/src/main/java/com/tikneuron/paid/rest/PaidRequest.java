package com.tikneuron.paid.rest;

import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.tikneuron.paid.Caller;
import com.tikneuron.platform.CallIds;
import com.tikneuron.platform.RequestIds;

/**
 * A paid capability's request as the gateway forwards it: who asks, from the gateway's headers (400 when they are
 * missing or malformed), and the body's fields, read as loosely as the contract allows ({@link JsonBodies}; 422 when
 * the body is not a JSON object). The service's own validation then turns the fields into its command.
 */
public record PaidRequest(Caller caller, JsonNode fields) {

    /** Reads the caller first, then the body; {@code invalidBody} is the contract's message for a body that is no object. */
    public static PaidRequest of(String body, HttpHeaders headers, String invalidBody) {
        Caller caller = Caller.fromHeaders(headers.getHeaderString(Caller.ACCOUNT_HEADER),
                headers.getHeaderString(Caller.MODE_HEADER), headers.getHeaderString(CallIds.HEADER),
                headers.getHeaderString(RequestIds.HEADER));
        return new PaidRequest(caller, JsonBodies.object(body, invalidBody));
    }

    /** A field's value as {@link JsonBodies#value} gives it: null when absent or JSON null. */
    public Object field(String name) {
        return JsonBodies.value(fields.get(name));
    }
}

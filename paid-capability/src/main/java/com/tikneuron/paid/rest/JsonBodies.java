package com.tikneuron.paid.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.paid.InvalidRequestException;

/**
 * A capability's request body read as loosely as the contract allows, so that every field error is reported in the
 * contract's validation body rather than as a bare 400: the body is parsed as a JSON tree, not bound to a record.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** The body as a JSON object; anything else (empty, malformed, an array) is a 422 naming {@code body}. */
    public static JsonNode object(ObjectMapper mapper, String body, String message) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : mapper.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException malformed) {
            // Answered below with the contract's validation body.
        }
        throw new InvalidRequestException(Map.of("body", List.of(message)));
    }

    /** A field's value: JSON null counts as absent (the default applies), text as a string, anything else as it is. */
    public static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node;
    }
}

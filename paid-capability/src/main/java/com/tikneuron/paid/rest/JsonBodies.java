package com.tikneuron.paid.rest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.paid.InternalApiException;
import com.tikneuron.paid.InvalidRequestException;

/**
 * A capability's request body read as loosely as the contract allows, so that every field error is reported in the
 * contract's validation body rather than as a bare 400: the body is parsed as a JSON tree, not bound to a record.
 */
public final class JsonBodies {

    // Only ever reads trees, which no mapping setting changes.
    private static final ObjectMapper TREES = new ObjectMapper();

    private JsonBodies() {
    }

    /** The body as a JSON object; anything else (empty, malformed, an array) is a 422 naming {@code body}. */
    public static JsonNode object(String body, String message) {
        JsonNode node = tree(body);
        if (node != null && node.isObject()) {
            return node;
        }
        throw new InvalidRequestException(Map.of("body", List.of(message)));
    }

    /**
     * The optional body of an internal route: empty when there is none, the object when it is one; anything else is
     * the internal APIs' 400 {@code invalid_request}.
     */
    public static Optional<JsonNode> optionalObject(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode node = tree(body);
        if (node == null || !node.isObject()) {
            throw new InternalApiException(400, "invalid_request", "The body must be a JSON object");
        }
        return Optional.of(node);
    }

    /** The text as a JSON tree; null when it is empty or not JSON. */
    public static JsonNode tree(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return TREES.readTree(text);
        } catch (JsonProcessingException malformed) {
            return null;
        }
    }

    /** A field's value: JSON null counts as absent (the default applies), text as a string, anything else as it is. */
    public static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node;
    }
}

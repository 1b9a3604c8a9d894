package com.tikneuron.paid.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.tikneuron.paid.InternalApiException;
import com.tikneuron.paid.InvalidRequestException;

/** Request bodies as paid routes (422 validation body) and internal routes (400 invalid_request) read them. */
class JsonBodiesTest {

    @Test
    void anObjectBodyGivesItsFieldsWithJsonNullAsAbsent() {
        var fields = JsonBodies.object("{\"url\": \"u\", \"speakers\": 3, \"format\": null}", "must be an object");
        assertEquals("u", JsonBodies.value(fields.get("url")));
        assertEquals(3, ((JsonNode) JsonBodies.value(fields.get("speakers"))).asInt());
        assertNull(JsonBodies.value(fields.get("format")));
        assertNull(JsonBodies.value(fields.get("missing")));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"[1, 2]", "{\"url\": ", "\"text\"", "42"})
    void aPaidBodyThatIsNoObjectIsTheValidationBodyNamingBody(String body) {
        InvalidRequestException invalid = assertThrows(InvalidRequestException.class,
                () -> JsonBodies.object(body, "The request body must be a JSON object."));
        assertEquals(Map.of("body", List.of("The request body must be a JSON object.")), invalid.errors());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\n"})
    void anInternalRouteWithoutABodyHasNoFields(String body) {
        assertTrue(JsonBodies.optionalObject(body).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "{\"language\": ", "\"es\""})
    void anInternalBodyThatIsNoObjectIs400InvalidRequest(String body) {
        InternalApiException invalid = assertThrows(InternalApiException.class, () -> JsonBodies.optionalObject(body));
        assertEquals(400, invalid.status());
        assertEquals("invalid_request", invalid.errorCode());
    }

    @Test
    void anInternalObjectBodyIsRead() {
        assertEquals("es", JsonBodies.optionalObject("{\"language\": \"es\"}").orElseThrow().get("language").asText());
    }
}

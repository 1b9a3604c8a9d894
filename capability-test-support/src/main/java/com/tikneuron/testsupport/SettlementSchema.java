package com.tikneuron.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** contracts/events/settlement-event.schema.json, the contract every published settlement must meet. */
public final class SettlementSchema {

    private static final JsonSchema SCHEMA = load();

    private SettlementSchema() {
    }

    /** What is wrong with the event; empty when it meets the contract. */
    public static Set<String> violations(JsonNode event) {
        return SCHEMA.validate(event).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    private static JsonSchema load() {
        Path file = Path.of("..", "contracts", "events", "settlement-event.schema.json");
        try (InputStream in = Files.newInputStream(file)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.tikneuron.subtitle.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Checks answers of the internal API against the schemas written down in contracts/subtitle-internal-api.yaml. */
public final class InternalContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOCUMENT = load();

    private InternalContract() {
    }

    /** The schema of a 200 answer of an operation, e.g. ("/internal/v1/videos/resolve", "post"). */
    public static JsonNode okSchema(String path, String method) {
        return schema(path, method, "200");
    }

    /** The JSON schema of an operation's answer with this status, following a reference to a shared response. */
    public static JsonNode schema(String path, String method, String status) {
        JsonNode response = DOCUMENT.path("paths").path(path).path(method).path("responses").path(status);
        String ref = response.path("$ref").asText("");
        if (ref.startsWith("#/components/responses/")) {
            response = DOCUMENT.path("components").path("responses").path(ref.substring("#/components/responses/".length()));
        }
        return resolve(response.path("content").path("application/json").path("schema"));
    }

    /** Every operation the contract lists, as (method, path template) pairs, e.g. ("post", "/internal/v1/videos/resolve"). */
    public static List<Map.Entry<String, String>> operations() {
        List<Map.Entry<String, String>> operations = new ArrayList<>();
        DOCUMENT.path("paths").properties().forEach(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> operations.add(Map.entry(method, path.getKey()))));
        return operations;
    }

    public static JsonNode component(String name) {
        return DOCUMENT.path("components").path("schemas").path(name);
    }

    /** Fails the test with the contract's complaints when the body does not match the schema. */
    public static void assertMatches(JsonNode schema, String body) {
        if (schema.isMissingNode()) {
            throw new AssertionError("no such schema in the contract");
        }
        try {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().nullableKeywordEnabled(true).build();
            Set<ValidationMessage> problems = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                    .getSchema(schema, config).validate(JSON.readTree(body));
            if (!problems.isEmpty()) {
                throw new AssertionError("answer breaks contracts/subtitle-internal-api.yaml: " + problems + " in " + body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/components/schemas/") ? component(ref.substring("#/components/schemas/".length())) : schema;
    }

    private static JsonNode load() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "contracts", "subtitle-internal-api.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

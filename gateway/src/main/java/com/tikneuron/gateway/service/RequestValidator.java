package com.tikneuron.gateway.service;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tikneuron.gateway.capability.Capability;
import com.tikneuron.gateway.config.GatewayConfig;
import com.tikneuron.gateway.error.InvalidDataException;
import com.tikneuron.gateway.error.RejectedRequestException;
import com.tikneuron.gateway.tiktok.TikTokUrls;

/**
 * Reads and checks a capability request body against the public contract before anything is called: every
 * failing field is reported at once, and defaults are filled in for the service that does the work.
 */
@ApplicationScoped
public class RequestValidator {

    static final String URL = "url";
    static final String URL_REQUIRED = "The url field is required.";
    static final String URL_INVALID = "Please provide a valid TikTok URL.";

    private final ObjectReader reader;
    private final int maxBodyBytes;

    RequestValidator(ObjectMapper mapper, GatewayConfig config) {
        this.reader = mapper.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.maxBodyBytes = config.maxBodyBytes();
    }

    /** The body as a JSON object with defaults filled in; fails with the contract's 4xx answers. */
    public ValidRequest validate(Capability capability, String contentType, byte[] body) {
        ObjectNode request = parse(contentType, body);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        boolean rewritten = checkUrl(request, errors);
        for (Capability.Field field : capability.optionalFields()) {
            JsonNode value = request.get(field.fieldName());
            if (value == null || value.isNull()) {
                if (field.defaultValue() != null) {
                    request.put(field.fieldName(), field.defaultValue());
                    rewritten = true;
                }
            } else if (!value.isTextual() || !field.allowed().contains(value.textValue())) {
                errors.put(field.fieldName(), List.of(field.message()));
            }
        }
        if (capability == Capability.DIARIZATION) {
            SpeakerHints.check(request, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidDataException(errors);
        }
        return new ValidRequest(request, rewritten);
    }

    /** A request that passed validation, and whether it differs from the bytes the caller sent. */
    public record ValidRequest(ObjectNode body, boolean rewritten) {
    }

    private ObjectNode parse(String contentType, byte[] body) {
        if (body.length > maxBodyBytes) {
            throw new RejectedRequestException(413, "payload_too_large",
                    "The request body must not exceed " + maxBodyBytes + " bytes.");
        }
        if (!isJson(contentType)) {
            throw new RejectedRequestException(415, "unsupported_media_type",
                    "The request body must be JSON, sent with Content-Type: application/json.");
        }
        if (isBlank(body)) {
            // An empty body carries no fields: reported as a missing url, as the contract's validation does.
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = reader.readTree(body);
        } catch (IOException e) {
            throw new RejectedRequestException(400, "invalid_json", "The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new RejectedRequestException(400, "invalid_json", "The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    // True when the url had to be trimmed, so the stored body no longer matches the one sent.
    private static boolean checkUrl(ObjectNode request, Map<String, List<String>> errors) {
        JsonNode url = request.get(URL);
        if (url == null || url.isNull() || (url.isTextual() && url.textValue().isBlank())) {
            errors.put(URL, List.of(URL_REQUIRED));
            return false;
        }
        String value = url.isTextual() ? url.textValue().strip() : null;
        if (!TikTokUrls.isVideoUrl(value)) {
            errors.put(URL, List.of(URL_INVALID));
            return false;
        }
        if (value.equals(url.textValue())) {
            return false;
        }
        request.put(URL, value);
        return true;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}

package com.tikneuron.gateway.service;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tikneuron.gateway.auth.Caller;
import com.tikneuron.gateway.capability.Capability;
import com.tikneuron.gateway.client.DownstreamReply;
import com.tikneuron.gateway.client.JobsClient;
import com.tikneuron.gateway.error.InvalidDataException;
import com.tikneuron.gateway.error.RejectedRequestException;
import com.tikneuron.gateway.sample.SampleAnswers;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/**
 * The jobs API's requests on their way to jobs-service. A job's {@code input} is validated here exactly as the
 * synchronous endpoint's body (same 422 bodies, defaults filled in); a batch item that fails is passed on with its
 * error body and stored as failed, so the batch's other items still run. A test key's job carries the sample answer
 * the synchronous endpoint would give, so jobs-service completes it without calling anything. The forwarded body is
 * built here from known fields only: nothing else the client sent reaches jobs-service.
 */
@ApplicationScoped
public class JobRequestService {

    static final String JOBS = "/api/v1/jobs";
    static final String BATCHES = "/api/v1/batches";
    private static final String JSON = "application/json";
    private static final String TEST_MODE = "test";
    private static final String TYPES = "Type must be one of: subtitle, summarize, diarization.";

    private final RequestValidator validator;
    private final IdempotencyService idempotency;
    private final SampleAnswers samples;
    private final JobsClient client;
    private final ObjectMapper mapper;
    private final ObjectReader reader;

    JobRequestService(RequestValidator validator, IdempotencyService idempotency, SampleAnswers samples,
            JobsClient client, ObjectMapper mapper) {
        this.validator = validator;
        this.idempotency = idempotency;
        this.samples = samples;
        this.client = client;
        this.mapper = mapper;
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** POST /api/v1/jobs or /api/v1/batches: checked, rebuilt and forwarded, under Idempotency-Key when sent. */
    public Uni<IdempotencyService.Outcome> create(boolean batch, Caller caller, String requestId, String idempotencyKey,
            String contentType, byte[] body) {
        ObjectNode request = parse(contentType, body);
        Capability capability = capability(request);
        ObjectNode forwarded = batch ? batchBody(capability, caller, requestId, request)
                : jobBody(capability, caller, request);
        byte[] bytes = bytes(forwarded);
        String path = batch ? BATCHES : JOBS;
        if (idempotencyKey == null) {
            return client.send(HttpMethod.POST, path, caller, requestId, bytes)
                    .map(reply -> new IdempotencyService.Outcome(reply, false));
        }
        String scope = caller.accountId() + (TEST_MODE.equals(caller.mode()) ? "/test" : "") + path;
        return idempotency.execute(scope, idempotencyKey, capability, request,
                () -> client.send(HttpMethod.POST, path, caller, requestId, bytes));
    }

    /** Any other route of the jobs API, forwarded as it is. */
    public Uni<DownstreamReply> forward(HttpMethod method, String pathAndQuery, Caller caller, String requestId) {
        return client.send(method, pathAndQuery, caller, requestId, method == HttpMethod.POST ? new byte[0] : null);
    }

    private ObjectNode jobBody(Capability capability, Caller caller, ObjectNode request) {
        JsonNode input = request.get("input");
        if (input == null || !input.isObject()) {
            throw new InvalidDataException(Map.of("input", List.of("The input field is required.")));
        }
        RequestValidator.ValidRequest valid = validator.validate(capability, JSON, bytes(input));
        ObjectNode forwarded = common(capability, request);
        forwarded.set("input", valid.body());
        if (TEST_MODE.equals(caller.mode())) {
            forwarded.set("sample_result", sample(capability, valid));
        }
        return forwarded;
    }

    private ObjectNode batchBody(Capability capability, Caller caller, String requestId, ObjectNode request) {
        JsonNode items = request.get("items");
        if (items == null || !items.isArray()) {
            throw new InvalidDataException(Map.of("items", List.of("Items must be a list of 1 to 1000 inputs.")));
        }
        ObjectNode forwarded = common(capability, request);
        ArrayNode out = forwarded.putArray("items");
        for (JsonNode item : items) {
            ObjectNode entry = out.addObject();
            entry.set("input", item);
            try {
                RequestValidator.ValidRequest valid = validator.validate(capability, JSON, bytes(item));
                entry.set("input", valid.body());
                if (TEST_MODE.equals(caller.mode())) {
                    entry.set("sample_result", sample(capability, valid));
                }
            } catch (InvalidDataException e) {
                ObjectNode error = entry.putObject("error").put("status", 422);
                error.putObject("body").put("message", "The given data was invalid.")
                        .<ObjectNode>set("errors", mapper.valueToTree(e.errors())).put("request_id", requestId);
            } catch (RejectedRequestException e) {
                ObjectNode error = entry.putObject("error").put("status", e.status());
                error.putObject("body").put("error_code", e.errorCode()).put("message", e.getMessage())
                        .put("request_id", requestId);
            }
        }
        return forwarded;
    }

    private ObjectNode common(Capability capability, ObjectNode request) {
        ObjectNode forwarded = mapper.createObjectNode().put("type", capability.path());
        for (String field : List.of("webhook_url", "metadata")) {
            if (request.has(field)) {
                forwarded.set(field, request.get(field));
            }
        }
        return forwarded;
    }

    private JsonNode sample(Capability capability, RequestValidator.ValidRequest valid) {
        try {
            return mapper.readTree(samples.answer(capability, valid.body()).body());
        } catch (IOException e) {
            throw new IllegalStateException("a sample answer is always JSON", e);
        }
    }

    private static Capability capability(ObjectNode request) {
        JsonNode type = request.get("type");
        Optional<Capability> capability = type != null && type.isTextual() ? Arrays.stream(Capability.values())
                .filter(candidate -> candidate.path().equals(type.textValue())).findFirst() : Optional.empty();
        return capability.orElseThrow(() -> new InvalidDataException(Map.of("type", List.of(TYPES))));
    }

    private ObjectNode parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(JSON)) {
            throw new RejectedRequestException(415, "unsupported_media_type",
                    "The request body must be JSON, sent with Content-Type: application/json.");
        }
        try {
            JsonNode node = reader.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new RejectedRequestException(400, "invalid_json", "The request body must be a JSON object.");
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed JSON tree always serializes", e);
        }
    }
}

package com.tikneuron.gateway.service;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tikneuron.gateway.auth.Caller;
import com.tikneuron.gateway.capability.Capability;
import com.tikneuron.gateway.client.BillingClient;
import com.tikneuron.gateway.client.CapabilityCall;
import com.tikneuron.gateway.client.CapabilityForwarder;
import com.tikneuron.gateway.client.DownstreamReply;
import com.tikneuron.gateway.error.RejectedRequestException;
import com.tikneuron.gateway.error.ServiceUnavailableException;
import com.tikneuron.gateway.metrics.GatewayMetrics;
import com.tikneuron.gateway.sample.SampleAnswers;

import io.smallrye.mutiny.Uni;

/**
 * Validates a capability request, applies Idempotency-Key semantics and forwards it to the service that does the
 * work; a test key's request is answered here with sample content and never reaches a service.
 */
@ApplicationScoped
public class CapabilityService {

    private static final Logger LOG = Logger.getLogger(CapabilityService.class);

    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    private static final String TEST_MODE = "test";

    private final RequestValidator validator;
    private final IdempotencyService idempotency;
    private final CapabilityForwarder forwarder;
    private final BillingClient billing;
    private final SampleAnswers samples;
    private final GatewayMetrics metrics;
    private final ObjectMapper mapper;

    CapabilityService(RequestValidator validator, IdempotencyService idempotency, CapabilityForwarder forwarder,
            BillingClient billing, SampleAnswers samples, GatewayMetrics metrics, ObjectMapper mapper) {
        this.validator = validator;
        this.idempotency = idempotency;
        this.forwarder = forwarder;
        this.billing = billing;
        this.samples = samples;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    /** Runs one capability request for an authenticated caller; validation failures are thrown before any call. */
    public Uni<IdempotencyService.Outcome> handle(Capability capability, Caller caller, String requestId,
            String idempotencyKey, String contentType, byte[] body) {
        RequestValidator.ValidRequest request = validator.validate(capability, contentType, body);
        checkIdempotencyKey(idempotencyKey);
        boolean test = TEST_MODE.equals(caller.mode());
        Supplier<Uni<DownstreamReply>> answer = test
                ? () -> Uni.createFrom().item(() -> sample(capability, request))
                : () -> forward(capability, caller, requestId, idempotencyKey, request, body);
        if (idempotencyKey == null) {
            return answer.get().map(reply -> new IdempotencyService.Outcome(reply, false));
        }
        // Test and live keys of one account keep apart stored answers: a live request must never be given a sample.
        String scope = test ? caller.accountId() + "/" + TEST_MODE : caller.accountId();
        return idempotency.execute(scope, idempotencyKey, capability, request.body(), answer);
    }

    // Test keys exercise validation, authentication, rate limits and Idempotency-Key like live keys, but no service
    // is called: nothing is fetched from TikTok, no engine runs, no cache is written, no hold is made.
    private DownstreamReply sample(Capability capability, RequestValidator.ValidRequest request) {
        metrics.sampleAnswered(capability.path());
        return samples.answer(capability, request.body());
    }

    private Uni<DownstreamReply> forward(Capability capability, Caller caller, String requestId,
            String idempotencyKey, RequestValidator.ValidRequest request, byte[] body) {
        // The caller's own bytes go on unless defaults were filled in: they parse to the same request.
        byte[] forwarded = request.rewritten() ? serialize(request.body()) : body;
        // Each call forwarded gets its own id: a retry that runs again (no Idempotency-Key, or a 5xx not kept) is a
        // new call with holds of its own.
        CapabilityCall call = CapabilityCall.of(caller.accountId(), caller.mode(), requestId, idempotencyKey, forwarded);
        return send(capability, call).map(reply -> withRequestId(reply, requestId));
    }

    private Uni<DownstreamReply> send(Capability capability, CapabilityCall call) {
        return forwarder.forward(capability, call)
                .onFailure().invoke(failure -> refundIfSent(call, failure))
                .onFailure().transform(failure -> new ServiceUnavailableException(capability.service(), failure));
    }

    /**
     * The caller is about to be told this request failed. If it reached the service, a hold may have been made or
     * even captured before the failure (the service died after capturing, or answered too late): billing settles
     * every hold of this call, for this account, in the caller's favour. It is named by the gateway's call id, not
     * the caller's request id, which a client may repeat across calls it was charged for. A call refused before it
     * was sent (open circuit, full bulkhead) cannot have moved credits.
     */
    private void refundIfSent(CapabilityCall call, Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException || failure instanceof BulkheadException) {
            return;
        }
        metrics.refundRequested();
        billing.refund(call.accountId(), call.callId()).subscribe().with(ignored -> {
        }, refundFailure -> {
            metrics.refundFailed();
            LOG.errorf("call %s (request %s) failed after it was sent, and billing could not be told to refund it: "
                    + "%s; a pending hold still expires, a captured one stays charged", call.callId(), call.requestId(),
                    refundFailure.toString());
        });
    }

    private static void checkIdempotencyKey(String key) {
        if (key == null) {
            return;
        }
        boolean printable = !key.isEmpty() && key.length() <= MAX_IDEMPOTENCY_KEY_LENGTH
                && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
        if (!printable) {
            throw new RejectedRequestException(400, "invalid_idempotency_key",
                    "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces.");
        }
    }

    private byte[] serialize(ObjectNode request) {
        try {
            return mapper.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed JSON tree always serializes", e);
        }
    }

    // Capability services put the request id in their error bodies; this covers one that did not.
    private DownstreamReply withRequestId(DownstreamReply reply, String requestId) {
        if (reply.status() < 400 || reply.body().length == 0) {
            return reply;
        }
        try {
            JsonNode node = mapper.readTree(reply.body());
            if (!(node instanceof ObjectNode error) || error.has("request_id")) {
                return reply;
            }
            error.put("request_id", requestId);
            return new DownstreamReply(reply.status(), reply.contentType(), reply.creditsCharged(),
                    reply.creditsRemaining(), mapper.writeValueAsBytes(error));
        } catch (IOException e) {
            return reply;
        }
    }
}

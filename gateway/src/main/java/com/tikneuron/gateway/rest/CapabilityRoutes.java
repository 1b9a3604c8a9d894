package com.tikneuron.gateway.rest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.gateway.auth.ApiKeys;
import com.tikneuron.gateway.capability.Capability;
import com.tikneuron.gateway.client.CapabilityHeaders;
import com.tikneuron.gateway.client.DownstreamReply;
import com.tikneuron.gateway.config.GatewayConfig;
import com.tikneuron.gateway.service.CapabilityService;
import com.tikneuron.gateway.service.IdempotencyService;
import com.tikneuron.platform.RequestIdRouteFilter;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The three paid routes of the public contract, served straight on Vert.x routes: the body is taken as bytes (so
 * content type, size and JSON errors get the gateway's own 4xx answers), the key is checked, the request validated
 * and forwarded, and the service's answer relayed with the credit headers. This is the hot path of every call, so
 * it runs without the REST layer in between; its errors are the same bodies the REST resources give.
 */
@ApplicationScoped
public class CapabilityRoutes {

    static final String REPLAYED = "Idempotent-Replayed";
    static final String SAMPLE = "X-TikNeuron-Sample";
    // After the request-id and request-limit filters, before any REST resource.
    private static final int ORDER = -100;
    private static final byte[] EMPTY = new byte[0];
    private static final String BODY_CLOCK = "tikneuron.bodyClock";

    private final AccessGate gate;
    private final CapabilityService capabilities;
    private final ObjectMapper mapper;
    private final long maxBodyBytes;
    private final long bodyTimeoutMillis;

    CapabilityRoutes(AccessGate gate, CapabilityService capabilities, ObjectMapper mapper, GatewayConfig config) {
        this.gate = gate;
        this.capabilities = capabilities;
        this.mapper = mapper;
        this.maxBodyBytes = config.maxBodyBytes();
        this.bodyTimeoutMillis = config.bodyTimeout().toMillis();
    }

    void register(@Observes Router router) {
        for (Capability capability : Capability.values()) {
            String path = "/api/v1/tiktok/" + capability.path();
            router.post(path).order(ORDER - 1).handler(this::startBodyClock);
            router.post(path).order(ORDER)
                    .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                    .handler(context -> {
                        context.vertx().cancelTimer(context.<Long>get(BODY_CLOCK));
                        handle(capability, context);
                    })
                    .failureHandler(this::bodyFailure);
            router.route(path).order(ORDER + 1).handler(context -> {
                if (context.request().method() == HttpMethod.POST) {
                    context.next();
                    return;
                }
                context.response().putHeader(HttpHeaders.ALLOW, "POST");
                error(context, 405, new ErrorBodies.Error("method_not_allowed", "Method Not Allowed.", requestId(context)));
            });
        }
    }

    // A client that trickles its body (slowloris) is answered 408 and its connection closed once the time is up.
    private void startBodyClock(RoutingContext context) {
        long timer = context.vertx().setTimer(bodyTimeoutMillis, ignored -> {
            if (context.request().isEnded() || context.response().ended()) {
                return;
            }
            context.response().putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(ended -> context.request().connection().close());
            error(context, 408, new ErrorBodies.Error("request_timeout",
                    "The request body did not arrive within " + bodyTimeoutMillis / 1000 + " seconds.", requestId(context)));
        });
        context.put(BODY_CLOCK, timer);
        context.addEndHandler(ended -> context.vertx().cancelTimer(timer));
        context.next();
    }

    private void handle(Capability capability, RoutingContext context) {
        String requestId = requestId(context);
        MultiMap headers = context.request().headers();
        Buffer body = context.body().buffer();
        byte[] bytes = body == null ? EMPTY : body.getBytes();
        gate.admit(single(headers, ApiKeys.HEADER), single(headers, HttpHeaders.AUTHORIZATION.toString()), context)
                .chain(caller -> capabilities.handle(capability, caller, requestId,
                        single(headers, CapabilityHeaders.IDEMPOTENCY_KEY),
                        single(headers, HttpHeaders.CONTENT_TYPE.toString()), bytes))
                .subscribe().with(outcome -> reply(context, outcome), failure -> failed(context, failure, requestId));
    }

    private void reply(RoutingContext context, IdempotencyService.Outcome outcome) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        DownstreamReply reply = outcome.reply();
        HttpServerResponse response = context.response().setStatusCode(reply.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType() == null ? "application/json" : reply.contentType());
        if (reply.creditsCharged() != null) {
            response.putHeader(CapabilityHeaders.CREDITS_CHARGED, reply.creditsCharged());
        }
        if (reply.creditsRemaining() != null) {
            response.putHeader(CapabilityHeaders.CREDITS_REMAINING, reply.creditsRemaining());
        }
        if (reply.sample()) {
            response.putHeader(SAMPLE, "true");
        }
        if (outcome.replayed()) {
            response.putHeader(REPLAYED, "true");
        }
        response.end(Buffer.buffer(reply.body()));
    }

    private void failed(RoutingContext context, Throwable failure, String requestId) {
        ErrorReplies.ErrorReply reply = ErrorReplies.of(failure, requestId);
        if (reply.retryAfterSeconds() > 0) {
            context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(reply.retryAfterSeconds()));
        }
        error(context, reply.status(), reply.body());
    }

    // The body handler refuses a body over the limit (sent in chunks, so not caught by its declared length).
    private void bodyFailure(RoutingContext context) {
        if (context.statusCode() == 413) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            error(context, 413, new ErrorBodies.Error("payload_too_large",
                    "The request body must not exceed " + maxBodyBytes + " bytes.", requestId(context)));
            return;
        }
        if (context.statusCode() >= 400 && context.statusCode() < 500) {
            error(context, context.statusCode(), new ErrorBodies.Error("invalid_request",
                    "The request could not be processed.", requestId(context)));
            return;
        }
        failed(context, context.failure() == null ? new IllegalStateException("request failed") : context.failure(),
                requestId(context));
    }

    private void error(RoutingContext context, int status, Object body) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        try {
            // An answer the gateway gives itself never charges: refused before forwarding, or failed and refunded.
            context.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(CapabilityHeaders.CREDITS_CHARGED, "0")
                    .end(Buffer.buffer(mapper.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An error body always serializes", e);
        }
    }

    // Repeated headers are joined as the REST layer does, so two API keys in one request are never taken as one.
    private static String single(MultiMap headers, String name) {
        List<String> values = headers.getAll(name);
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(",", values);
    }

    private static String requestId(RoutingContext context) {
        return context.get(RequestIdRouteFilter.CONTEXT_KEY);
    }
}

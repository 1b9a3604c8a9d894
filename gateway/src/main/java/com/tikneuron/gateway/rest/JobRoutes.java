package com.tikneuron.gateway.rest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.gateway.auth.ApiKeys;
import com.tikneuron.gateway.client.CapabilityHeaders;
import com.tikneuron.gateway.client.DownstreamReply;
import com.tikneuron.gateway.service.IdempotencyService;
import com.tikneuron.gateway.service.JobRequestService;
import com.tikneuron.platform.RequestIdRouteFilter;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The jobs API (/api/v1/jobs*, /api/v1/batches*, /api/v1/webhooks*), served by jobs-service: the key is checked
 * and rate-limited here like every public route, then the request goes on with the caller's account and key mode.
 * A batch may carry 1,000 inputs, so these routes take bodies up to 1 MiB (each input is still held to the
 * synchronous endpoint's limit).
 */
@ApplicationScoped
public class JobRoutes {

    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final int ORDER = -100;
    private static final List<String> PREFIXES = List.of("/api/v1/jobs", "/api/v1/batches", "/api/v1/webhooks");
    private static final byte[] EMPTY = new byte[0];

    private final AccessGate gate;
    private final JobRequestService jobs;
    private final ObjectMapper mapper;

    JobRoutes(AccessGate gate, JobRequestService jobs, ObjectMapper mapper) {
        this.gate = gate;
        this.jobs = jobs;
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        for (String prefix : PREFIXES) {
            router.route(prefix).order(ORDER).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                    .handler(this::handle).failureHandler(this::bodyFailure);
            router.route(prefix + "/*").order(ORDER).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                    .handler(this::handle).failureHandler(this::bodyFailure);
        }
    }

    private void handle(RoutingContext context) {
        String requestId = context.get(RequestIdRouteFilter.CONTEXT_KEY);
        HttpMethod method = context.request().method();
        String path = context.normalizedPath().replaceAll("/+$", "");
        boolean create = method == HttpMethod.POST && (path.equals("/api/v1/jobs") || path.equals("/api/v1/batches"));
        boolean allowed = create || method == HttpMethod.GET || method == HttpMethod.DELETE
                || (method == HttpMethod.POST && path.equals("/api/v1/webhooks/secret"));
        if (!allowed) {
            context.response().putHeader(HttpHeaders.ALLOW, "GET, POST, DELETE");
            error(context, 405, new ErrorBodies.Error("method_not_allowed", "Method Not Allowed.", requestId));
            return;
        }
        MultiMap headers = context.request().headers();
        Buffer body = context.body().buffer();
        String query = context.request().query();
        gate.admit(single(headers, ApiKeys.HEADER), single(headers, HttpHeaders.AUTHORIZATION.toString()), context)
                .chain(caller -> create
                        ? jobs.create(path.endsWith("batches"), caller, requestId,
                                single(headers, CapabilityHeaders.IDEMPOTENCY_KEY),
                                single(headers, HttpHeaders.CONTENT_TYPE.toString()),
                                body == null ? EMPTY : body.getBytes())
                        : jobs.forward(method, query == null ? path : path + "?" + query, caller, requestId)
                                .map(reply -> new IdempotencyService.Outcome(reply, false)))
                .subscribe().with(outcome -> reply(context, outcome), failure -> {
                    ErrorReplies.ErrorReply reply = ErrorReplies.of(failure, requestId);
                    if (reply.retryAfterSeconds() > 0) {
                        context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(reply.retryAfterSeconds()));
                    }
                    error(context, reply.status(), reply.body());
                });
    }

    private void reply(RoutingContext context, IdempotencyService.Outcome outcome) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        DownstreamReply reply = outcome.reply();
        context.response().setStatusCode(reply.status()).putHeader(HttpHeaders.CONTENT_TYPE,
                reply.contentType() == null ? "application/json" : reply.contentType());
        if (outcome.replayed()) {
            context.response().putHeader(CapabilityRoutes.REPLAYED, "true");
        }
        context.response().end(Buffer.buffer(reply.body()));
    }

    private void bodyFailure(RoutingContext context) {
        String requestId = context.get(RequestIdRouteFilter.CONTEXT_KEY);
        if (context.statusCode() == 413) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            error(context, 413, new ErrorBodies.Error("payload_too_large",
                    "The request body must not exceed " + MAX_BODY_BYTES + " bytes.", requestId));
            return;
        }
        ErrorReplies.ErrorReply reply = context.statusCode() >= 400 && context.statusCode() < 500
                ? new ErrorReplies.ErrorReply(context.statusCode(), new ErrorBodies.Error("invalid_request",
                        "The request could not be processed.", requestId), 0)
                : ErrorReplies.unexpected(context.failure() == null ? new IllegalStateException("request failed")
                        : context.failure(), requestId);
        error(context, reply.status(), reply.body());
    }

    private void error(RoutingContext context, int status, Object body) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        try {
            context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Buffer.buffer(mapper.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An error body always serializes", e);
        }
    }

    private static String single(MultiMap headers, String name) {
        List<String> values = headers.getAll(name);
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(",", values);
    }
}

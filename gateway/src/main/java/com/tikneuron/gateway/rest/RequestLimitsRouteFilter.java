package com.tikneuron.gateway.rest;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.gateway.capability.Capability;
import com.tikneuron.gateway.config.GatewayConfig;
import com.tikneuron.gateway.metrics.GatewayMetrics;
import com.tikneuron.platform.RequestIdRouteFilter;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs before any route: refuses a declared body over the limit with a JSON 413 before it is read, and counts
 * every answer of the public routes by route and status.
 */
@ApplicationScoped
public class RequestLimitsRouteFilter {

    private static final Set<String> PUBLIC_ROUTES = Stream.concat(
            Arrays.stream(Capability.values()).map(capability -> "/api/v1/tiktok/" + capability.path()),
            Stream.of("/api/v1/account/credits", "/api/v1/account/usage"))
            .collect(Collectors.toUnmodifiableSet());

    private final GatewayMetrics metrics;
    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    RequestLimitsRouteFilter(GatewayMetrics metrics, ObjectMapper mapper, GatewayConfig config) {
        this.metrics = metrics;
        this.mapper = mapper;
        this.maxBodyBytes = config.maxBodyBytes();
    }

    void register(@Observes Router router) {
        // Right after the request id is assigned, so the 413 body can carry it.
        router.route().order(Integer.MIN_VALUE + 1).handler(this::filter);
    }

    private void filter(RoutingContext context) {
        String path = context.normalizedPath();
        String route = PUBLIC_ROUTES.contains(path) ? path : "other";
        context.addEndHandler(ignored -> metrics.request(route, context.response().getStatusCode()));
        // A batch carries up to 1,000 inputs: its route has a limit of its own (JobRoutes)
        long limit = path.startsWith("/api/v1/batches") ? JobRoutes.MAX_BODY_BYTES : maxBodyBytes;
        if (declaredLength(context) > limit) {
            context.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    // The unread body is discarded with the connection rather than drained.
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(tooLarge(context.get(RequestIdRouteFilter.CONTEXT_KEY), limit));
            return;
        }
        context.next();
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String tooLarge(String requestId, long limit) {
        try {
            return mapper.writeValueAsString(new ErrorBodies.Error("payload_too_large",
                    "The request body must not exceed " + limit + " bytes.", requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A fixed error body always serializes", e);
        }
    }
}

package com.tikneuron.gateway.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

import com.tikneuron.gateway.auth.ApiKeys;
import com.tikneuron.gateway.auth.Caller;
import com.tikneuron.gateway.error.RateLimitedException;
import com.tikneuron.gateway.metrics.GatewayMetrics;
import com.tikneuron.gateway.service.AuthService;
import com.tikneuron.gateway.service.RateLimitService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * First step of every public route: refuse an address that has been guessing keys, authenticate the key, then
 * charge the request to its rate limit.
 */
@ApplicationScoped
public class AccessGate {

    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String RESET = "X-RateLimit-Reset";

    private final AuthService auth;
    private final RateLimitService rateLimits;
    private final GatewayMetrics metrics;

    AccessGate(AuthService auth, RateLimitService rateLimits, GatewayMetrics metrics) {
        this.auth = auth;
        this.rateLimits = rateLimits;
        this.metrics = metrics;
    }

    /** The caller, once the key is valid and within its limit; the rate-limit headers go on whatever answer follows. */
    Uni<Caller> admit(HttpHeaders headers, RoutingContext context) {
        return admit(headers.getHeaderString(ApiKeys.HEADER), headers.getHeaderString(HttpHeaders.AUTHORIZATION), context);
    }

    /** The same, from the raw header values (API-KEY, Authorization). */
    Uni<Caller> admit(String apiKeyHeader, String authorizationHeader, RoutingContext context) {
        String address = context.request().remoteAddress() == null ? "unknown"
                : context.request().remoteAddress().hostAddress();
        return auth.authenticate(address, apiKeyHeader, authorizationHeader)
                .chain(caller -> rateLimits.consume(caller).map(decision -> {
                    context.addHeadersEndHandler(ignored -> {
                        MultiMap response = context.response().headers();
                        response.set(LIMIT, Long.toString(decision.limit()));
                        response.set(REMAINING, Long.toString(decision.remaining()));
                        response.set(RESET, Long.toString(decision.resetEpochSeconds()));
                    });
                    if (!decision.allowed()) {
                        metrics.rateLimited();
                        throw new RateLimitedException(decision.retryAfterSeconds());
                    }
                    return caller;
                }));
    }
}

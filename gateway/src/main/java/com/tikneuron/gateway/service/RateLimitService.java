package com.tikneuron.gateway.service;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.gateway.auth.Caller;
import com.tikneuron.gateway.config.GatewayConfig;
import com.tikneuron.gateway.state.Buckets;

import io.smallrye.mutiny.Uni;

/**
 * A token bucket per API key, shared by every gateway replica ({@link Buckets}): the rate per minute and burst of
 * the key's account plan (carried in the key lookup), the configured defaults for a key whose lookup had none.
 */
@ApplicationScoped
public class RateLimitService {

    private static final String KIND = "rate";

    private final Buckets buckets;
    private final long defaultPerMinute;
    private final long defaultBurst;

    RateLimitService(Buckets buckets, GatewayConfig config) {
        this.buckets = buckets;
        this.defaultPerMinute = config.rateLimit().requestsPerMinute();
        this.defaultBurst = config.rateLimit().burst();
    }

    /** Takes one token from the caller's key bucket and reports the state for the response headers. */
    public Uni<RateLimitDecision> consume(Caller caller) {
        long perMinute = caller.requestsPerMinute() > 0 ? caller.requestsPerMinute() : defaultPerMinute;
        long burst = caller.burst() > 0 ? caller.burst() : defaultBurst;
        return buckets.apply(KIND, caller.keyId(), perMinute, burst, Buckets.Op.TAKE).map(state -> {
            long nowMillis = System.currentTimeMillis();
            long resetEpochSeconds = TimeUnit.MILLISECONDS.toSeconds(
                    nowMillis + TimeUnit.NANOSECONDS.toMillis(state.nanosToFull()) + 999);
            long retryAfterSeconds = state.allowed() ? 0
                    : Math.max(1, (state.nanosToNextToken() + 999_999_999L) / 1_000_000_000L);
            return new RateLimitDecision(state.allowed(), state.limit(), state.remaining(), resetEpochSeconds,
                    retryAfterSeconds);
        });
    }
}

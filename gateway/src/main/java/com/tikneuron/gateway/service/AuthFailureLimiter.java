package com.tikneuron.gateway.service;

import java.time.Duration;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.tikneuron.gateway.config.GatewayConfig;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;

/**
 * Slows down API-key guessing: every refused key costs the client address a token (Bucket4j), and an address
 * without tokens left is refused before its key is even looked up, valid key or not, until tokens come back.
 * Behind a proxy the address is the forwarded one (quarkus.http.proxy.* settings, trusted proxies only).
 */
@ApplicationScoped
public class AuthFailureLimiter {

    private final long perMinute;
    private final Cache<String, Bucket> buckets;

    AuthFailureLimiter(GatewayConfig config) {
        this.perMinute = config.authFailures().perMinute();
        this.buckets = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(config.authFailures().maxTrackedAddresses())
                // A full bucket is as good as none: forget it once it would have refilled.
                .expireAfterAccess(Duration.ofMinutes(2))
                .build();
    }

    /** Seconds the address must wait before its next request, or empty when it may go on. */
    public OptionalLong blockedFor(String address) {
        Bucket bucket = buckets.getIfPresent(address);
        if (bucket == null) {
            return OptionalLong.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        if (probe.canBeConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }

    /** Charges one refused key to the address. */
    public void failed(String address) {
        buckets.get(address, ignored -> newBucket()).tryConsume(1);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }
}

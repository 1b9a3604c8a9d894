package com.tikneuron.gateway.service;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.tikneuron.gateway.config.GatewayConfig;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/** A token bucket per API key (Bucket4j): a sustained rate per minute plus a burst. */
@ApplicationScoped
public class RateLimitService {

    private final long perMinute;
    private final long burst;
    private final Cache<String, Bucket> buckets;

    RateLimitService(GatewayConfig config) {
        this.perMinute = config.rateLimit().requestsPerMinute();
        this.burst = config.rateLimit().burst();
        // A bucket forgotten after it would have refilled anyway changes nothing for its key.
        long minutesToRefill = Math.max(1, (burst + perMinute - 1) / perMinute);
        this.buckets = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(config.rateLimit().maxTrackedKeys())
                .expireAfterAccess(Duration.ofMinutes(minutesToRefill + 1))
                .build();
    }

    /** Takes one token from the key's bucket and reports the state for the response headers. */
    public RateLimitDecision consume(String keyId) {
        Bucket bucket = buckets.get(keyId, ignored -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long nowMillis = System.currentTimeMillis();
        long resetEpochSeconds = TimeUnit.MILLISECONDS.toSeconds(
                nowMillis + TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForReset()) + 999);
        long retryAfterSeconds = probe.isConsumed() ? 0
                : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new RateLimitDecision(probe.isConsumed(), burst, probe.getRemainingTokens(), resetEpochSeconds,
                retryAfterSeconds);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }
}

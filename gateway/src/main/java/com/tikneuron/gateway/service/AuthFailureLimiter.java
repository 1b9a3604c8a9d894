package com.tikneuron.gateway.service;

import java.time.Duration;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.tikneuron.gateway.auth.ClientAddresses;
import com.tikneuron.gateway.config.GatewayConfig;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;

/**
 * Slows down API-key guessing: every refused key costs the client address a token (Bucket4j), and an address
 * without tokens left is refused before its key is even looked up, valid key or not, until tokens come back.
 * Addresses are counted as {@link ClientAddresses#limitKey(String)} says: IPv4 per address, IPv6 per /64.
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
        Bucket bucket = buckets.getIfPresent(ClientAddresses.limitKey(address));
        if (bucket == null) {
            return OptionalLong.empty();
        }
        return waitOf(bucket.estimateAbilityToConsume(1));
    }

    /**
     * Takes a token from the address before a lookup billing will answer, so concurrent lookups from one address
     * never outnumber the refusals it has left: empty when taken, else the seconds to wait. A lookup that finds a
     * valid key gives the token back ({@link #refund}); otherwise the token was the refusal's charge.
     */
    public OptionalLong reserve(String address) {
        ConsumptionProbe probe = buckets.get(ClientAddresses.limitKey(address), ignored -> newBucket())
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? OptionalLong.empty() : OptionalLong.of(seconds(probe.getNanosToWaitForRefill()));
    }

    /** Gives back a token taken by {@link #reserve} for a lookup that turned out not to be a guess. */
    public void refund(String address) {
        Bucket bucket = buckets.getIfPresent(ClientAddresses.limitKey(address));
        if (bucket != null) {
            // Never above capacity: a refund after the bucket refilled must not grant extra guesses.
            bucket.addTokens(1);
        }
    }

    /** Charges one refused key to the address. */
    public void failed(String address) {
        buckets.get(ClientAddresses.limitKey(address), ignored -> newBucket()).tryConsume(1);
    }

    private static OptionalLong waitOf(EstimationProbe probe) {
        if (probe.canBeConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(seconds(probe.getNanosToWaitForRefill()));
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }
}

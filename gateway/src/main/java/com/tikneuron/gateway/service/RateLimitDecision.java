package com.tikneuron.gateway.service;

/** Result of charging one request to a key's bucket, with what the X-RateLimit-* headers report. */
public record RateLimitDecision(boolean allowed, long limit, long remaining, long resetEpochSeconds,
        long retryAfterSeconds) {
}

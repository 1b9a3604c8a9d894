package com.tikneuron.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Gateway settings: request limits, key cache, rate limits and idempotency; defaults live in application.properties. */
@ConfigMapping(prefix = "tikneuron.gateway")
public interface GatewayConfig {

    /** Largest request body accepted on the public POST routes, in bytes. */
    int maxBodyBytes();

    /** Longest a client may take to send a request body once its headers are in (slow clients get 408). */
    Duration bodyTimeout();

    KeyCache keyCache();

    RateLimit rateLimit();

    Idempotency idempotency();

    AuthFailures authFailures();

    /** Where the state shared by every replica lives (Redis), and what to do without it. */
    SharedState sharedState();

    /** The capability services requests are forwarded to. */
    Downstreams downstream();

    /** How long key lookups are remembered, so billing is not asked on every request. */
    interface KeyCache {

        /** Known keys (active or revoked): a revocation takes effect within this time. */
        Duration knownTtl();

        /** Unknown digests: short, so a new key works quickly, yet a flood of one bad key stays here. */
        Duration unknownTtl();

        long maxEntries();

        /**
         * Lookups billing may receive per second for keys not in the cache. A flood of distinct bad keys is
         * shed here (503) instead of reaching billing; keys already cached keep working.
         */
        long maxLookupsPerSecond();

        /**
         * Part of maxLookupsPerSecond kept for keys billing called active within recentlyValidTtl: when the rest
         * is spent by unknown keys, a customer whose cache entry expired is still looked up.
         */
        long reservedLookupsPerSecond();

        /** How long a key billing called active may use the reserved lookups. */
        Duration recentlyValidTtl();

        long recentlyValidMaxEntries();
    }

    /** Token bucket per API key. */
    interface RateLimit {

        /** Sustained rate: tokens added per minute. */
        long requestsPerMinute();

        /** Bucket size: how many requests may arrive at once after a quiet spell. */
        long burst();

        long maxTrackedKeys();
    }

    /** Stored responses for the Idempotency-Key header. */
    interface Idempotency {

        Duration ttl();

        /**
         * Bytes of stored responses kept at most for one account; beyond it the account's own oldest records go,
         * so one account's large replies never push out another account's records.
         */
        long maxStoredBytesPerAccount();
    }

    /** Refused API keys per client address: guessing keys is slowed down to this rate. */
    interface AuthFailures {

        /** Refused keys an address may send per minute (and at once); beyond it every request gets 429. */
        long perMinute();

        long maxTrackedAddresses();
    }

    /** Redis, shared by every gateway replica: rate-limit buckets, Idempotency-Key records, refused-key counters. */
    interface SharedState {

        /** False runs every replica on its own share (and refuses Idempotency-Key requests): tests and tools only. */
        boolean enabled();

        /** Connection string, for example redis://redis:6379 or rediss://user:password@host:6380. */
        String url();

        /** Put before every key name, so deployments (or test runs) sharing one Redis never meet. */
        String keyPrefix();

        /** Longest a call to Redis may take; past it the replica falls back and marks Redis down. */
        java.time.Duration timeout();

        /** How often a replica that marked Redis down pings it to come back to shared state. */
        java.time.Duration probeInterval();

        int poolSize();

        /**
         * Gateway replicas expected to run: while Redis is down each keeps buckets at the limit divided by this, so
         * together they allow about the limit.
         */
        int replicas();

        /** Longest an Idempotency-Key request may stay in flight before its record lapses (a replica died). */
        java.time.Duration runningTtl();
    }

    interface Downstreams {

        Downstream subtitle();

        Downstream summary();

        Downstream diarization();
    }

    /** One capability service: where it is and how calls to it are guarded (SmallRye Fault Tolerance). */
    interface Downstream {

        /** Base URL, for example http://subtitle-service:8080. */
        java.net.URI url();

        /** Longest a call may take before the caller gets 503. */
        Duration timeout();

        Duration connectTimeout();

        /** Connections kept open to the service. */
        int poolSize();

        /** Calls in progress at once; more wait in the queue, beyond it they get 503 at once. */
        int bulkhead();

        int bulkheadQueue();

        CircuitBreaker circuitBreaker();
    }

    /** Opens after failureRatio of the last requestVolumeThreshold calls failed; stays open for delay. */
    interface CircuitBreaker {

        int requestVolumeThreshold();

        double failureRatio();

        Duration delay();
    }
}

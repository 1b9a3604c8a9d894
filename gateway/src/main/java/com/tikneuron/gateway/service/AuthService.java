package com.tikneuron.gateway.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.tikneuron.gateway.auth.ApiKeys;
import com.tikneuron.gateway.auth.Caller;
import com.tikneuron.gateway.client.BillingClient;
import com.tikneuron.gateway.client.BillingNotFoundException;
import com.tikneuron.gateway.client.KeyRecord;
import com.tikneuron.gateway.config.GatewayConfig;
import com.tikneuron.gateway.error.InvalidApiKeyException;
import com.tikneuron.gateway.error.ServiceUnavailableException;
import com.tikneuron.gateway.metrics.GatewayMetrics;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.smallrye.mutiny.Uni;

/**
 * Turns the API key of a request into a caller. Keys are looked up in billing by digest and remembered for a
 * short time, unknown digests too; concurrent lookups of one digest share a single billing call.
 */
@ApplicationScoped
public class AuthService {

    private final BillingClient billing;
    private final GatewayMetrics metrics;
    private final AsyncCache<String, KeyLookup> lookups;
    private final Bucket lookupBudget;

    AuthService(BillingClient billing, GatewayMetrics metrics, GatewayConfig config) {
        this.billing = billing;
        this.metrics = metrics;
        GatewayConfig.KeyCache settings = config.keyCache();
        // Maintenance runs on the request thread: handing it to another pool costs a thread wake-up per batch.
        this.lookups = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(settings.maxEntries())
                .expireAfter(new LookupExpiry(settings.knownTtl(), settings.unknownTtl()))
                .buildAsync();
        this.lookupBudget = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(settings.maxLookupsPerSecond())
                        .refillGreedy(settings.maxLookupsPerSecond(), Duration.ofSeconds(1)).build())
                .build();
    }

    /** The caller owning the key sent in API-KEY (or Authorization: Bearer); fails with InvalidApiKeyException. */
    public Uni<Caller> authenticate(String apiKeyHeader, String authorizationHeader) {
        String key = ApiKeys.extract(apiKeyHeader, authorizationHeader);
        if (key == null) {
            metrics.authFailure("missing");
            return Uni.createFrom().failure(new InvalidApiKeyException("missing"));
        }
        String digest = ApiKeys.digest(key);
        // Failed lookups (billing down) are not cached by Caffeine: the next request asks again.
        return Uni.createFrom()
                .completionStage(lookups.get(digest, (ignored, executor) -> lookup(digest).subscribeAsCompletionStage()))
                .map(this::toCaller);
    }

    private Uni<KeyLookup> lookup(String digest) {
        if (!lookupBudget.tryConsume(1)) {
            metrics.lookupShed();
            return Uni.createFrom().failure(new ServiceUnavailableException(BillingClient.serviceName(), null));
        }
        return billing.key(digest)
                .map(KeyLookup::found)
                .onFailure(BillingNotFoundException.class).recoverWithItem(KeyLookup.UNKNOWN)
                .onFailure().transform(failure -> new ServiceUnavailableException(BillingClient.serviceName(), failure));
    }

    private Caller toCaller(KeyLookup lookup) {
        if (lookup.key() == null) {
            metrics.authFailure("unknown");
            throw new InvalidApiKeyException("unknown");
        }
        if (!lookup.key().active()) {
            metrics.authFailure("revoked");
            throw new InvalidApiKeyException("revoked");
        }
        return lookup.caller();
    }

    /** Outcome of one lookup: the key record and its caller, or nothing for an unknown digest. */
    record KeyLookup(KeyRecord key, Caller caller) {

        static final KeyLookup UNKNOWN = new KeyLookup(null, null);

        static KeyLookup found(KeyRecord key) {
            return new KeyLookup(key, new Caller(key.accountId(), key.keyId(), key.mode()));
        }
    }

    private record LookupExpiry(Duration known, Duration unknown) implements Expiry<String, KeyLookup> {

        @Override
        public long expireAfterCreate(String digest, KeyLookup lookup, long currentTime) {
            return (lookup.key() == null ? unknown : known).toNanos();
        }

        @Override
        public long expireAfterUpdate(String digest, KeyLookup lookup, long currentTime, long currentDuration) {
            return expireAfterCreate(digest, lookup, currentTime);
        }

        @Override
        public long expireAfterRead(String digest, KeyLookup lookup, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}

package com.tikneuron.gateway.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.tikneuron.gateway.auth.ApiKeys;
import com.tikneuron.gateway.auth.Caller;
import com.tikneuron.gateway.client.BillingClient;
import com.tikneuron.gateway.client.BillingNotFoundException;
import com.tikneuron.gateway.client.KeyRecord;
import com.tikneuron.gateway.config.GatewayConfig;
import com.tikneuron.gateway.error.InvalidApiKeyException;
import com.tikneuron.gateway.error.RateLimitedException;
import com.tikneuron.gateway.error.ServiceUnavailableException;
import com.tikneuron.gateway.metrics.GatewayMetrics;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.smallrye.mutiny.Uni;

/**
 * Turns the API key of a request into a caller. Keys are looked up in billing by digest and remembered for a
 * short time, unknown digests too; concurrent lookups of one digest share a single billing call. Lookups share a
 * budget per second, part of it kept for keys seen valid lately, and every refused key (or lookup refused for a
 * spent budget) is charged to the client address by {@link AuthFailureLimiter}.
 */
@ApplicationScoped
public class AuthService {

    private final BillingClient billing;
    private final AuthFailureLimiter guessing;
    private final GatewayMetrics metrics;
    private final AsyncCache<String, KeyLookup> lookups;
    private final Bucket lookupBudget;
    private final Bucket reservedBudget;
    private final Cache<String, Boolean> recentlyValid;

    AuthService(BillingClient billing, AuthFailureLimiter guessing, GatewayMetrics metrics, GatewayConfig config) {
        this.billing = billing;
        this.guessing = guessing;
        this.metrics = metrics;
        GatewayConfig.KeyCache settings = config.keyCache();
        // Maintenance runs on the request thread: handing it to another pool costs a thread wake-up per batch.
        this.lookups = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(settings.maxEntries())
                .expireAfter(new LookupExpiry(settings.knownTtl(), settings.unknownTtl()))
                .buildAsync();
        long reserved = settings.reservedLookupsPerSecond();
        if (reserved < 0 || reserved >= settings.maxLookupsPerSecond()) {
            throw new IllegalStateException("tikneuron.gateway.key-cache.reserved-lookups-per-second must be at least 0 "
                    + "and less than max-lookups-per-second");
        }
        this.lookupBudget = perSecond(settings.maxLookupsPerSecond() - reserved);
        this.reservedBudget = reserved == 0 ? null : perSecond(reserved);
        // Only digests billing called active get in, so a flood of random keys cannot take this share.
        this.recentlyValid = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(settings.recentlyValidMaxEntries())
                .expireAfterWrite(settings.recentlyValidTtl())
                .build();
    }

    /**
     * The caller owning the key sent in API-KEY (or Authorization: Bearer) from the client address; fails with
     * InvalidApiKeyException, with RateLimitedException when the address has been guessing keys, or with
     * ServiceUnavailableException when the key could not be looked up.
     */
    public Uni<Caller> authenticate(String address, String apiKeyHeader, String authorizationHeader) {
        return guessing.blockedFor(address).chain(blocked -> blocked.isPresent() ? blocked(blocked.getAsLong())
                : afterAddressCheck(address, apiKeyHeader, authorizationHeader));
    }

    private Uni<Caller> afterAddressCheck(String address, String apiKeyHeader, String authorizationHeader) {
        String key = ApiKeys.extract(apiKeyHeader, authorizationHeader);
        if (key == null) {
            // A request without any key guesses nothing: no charge to the address.
            metrics.authFailure("missing");
            return Uni.createFrom().failure(new InvalidApiKeyException("missing"));
        }
        String digest = ApiKeys.digest(key);
        CompletableFuture<KeyLookup> remembered = lookups.getIfPresent(digest);
        if (remembered != null) {
            return settle(address, digest, Uni.createFrom().completionStage(remembered), false);
        }
        // Checking the address only before the burst would let every request of a concurrent burst through: each
        // lookup takes its token first, so an address has no more lookups in flight than refusals left. Concurrent
        // requests of one digest share one lookup, so only the request that starts it takes a token; the others
        // join it and are charged only if the key turns out to be refused (a burst of one new key's first requests
        // is one guess at most, not fifty).
        CompletableFuture<KeyLookup> mine = new CompletableFuture<>();
        CompletableFuture<KeyLookup> inFlight = lookups.asMap().putIfAbsent(digest, mine);
        if (inFlight != null) {
            return settle(address, digest, Uni.createFrom().completionStage(inFlight), false);
        }
        return guessing.reserve(address).chain(exhausted -> {
            if (exhausted.isPresent()) {
                forget(digest, mine, new RateLimitedException(exhausted.getAsLong()));
                return blocked(exhausted.getAsLong());
            }
            lookup(digest).subscribe().with(mine::complete, failure -> forget(digest, mine, failure));
            return settle(address, digest, Uni.createFrom().completionStage(mine), true);
        });
    }

    /** A lookup that did not happen or failed is not remembered: the next request asks again. */
    private void forget(String digest, CompletableFuture<KeyLookup> lookup, Throwable failure) {
        lookups.asMap().remove(digest, lookup);
        lookup.completeExceptionally(failure);
    }

    private Uni<Caller> blocked(long retryAfterSeconds) {
        metrics.guessingBlocked();
        return Uni.createFrom().failure(new RateLimitedException(retryAfterSeconds));
    }

    /** Charges the address for a guess, or gives back the token taken up front when it was none. */
    private Uni<Caller> settle(String address, String digest, Uni<KeyLookup> lookup, boolean prepaid) {
        return lookup
                // The charge is recorded before the answer goes out, so the client's next request already sees it.
                .onItemOrFailure().call((found, failure) -> {
                    boolean guess = failure == null ? found.key() == null || !found.key().active()
                            : failure instanceof LookupBudgetSpentException && recentlyValid.getIfPresent(digest) == null;
                    if (prepaid && !guess) {
                        return guessing.refund(address);
                    } else if (!prepaid && guess) {
                        return guessing.failed(address);
                    }
                    return Uni.createFrom().voidItem();
                })
                .map(this::toCaller);
    }

    private Uni<KeyLookup> lookup(String digest) {
        if (!lookupBudget.tryConsume(1) && !(reservedBudget != null && recentlyValid.getIfPresent(digest) != null
                && reservedBudget.tryConsume(1))) {
            metrics.lookupShed();
            return Uni.createFrom().failure(new LookupBudgetSpentException());
        }
        return billing.key(digest)
                .map(KeyLookup::found)
                .invoke(found -> {
                    if (found.key().active()) {
                        recentlyValid.put(digest, Boolean.TRUE);
                    }
                })
                .onFailure(BillingNotFoundException.class).recoverWithItem(KeyLookup.UNKNOWN)
                .onFailure().transform(failure -> new ServiceUnavailableException(BillingClient.serviceName(), failure));
    }

    private static Bucket perSecond(long lookups) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(lookups).refillGreedy(lookups, Duration.ofSeconds(1)).build())
                .build();
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

    /** The lookup budget was spent: answered 503 like billing being down, but charged as a guess. */
    private static final class LookupBudgetSpentException extends ServiceUnavailableException {

        LookupBudgetSpentException() {
            super(BillingClient.serviceName(), null);
        }
    }

    /** Outcome of one lookup: the key record and its caller, or nothing for an unknown digest. */
    record KeyLookup(KeyRecord key, Caller caller) {

        static final KeyLookup UNKNOWN = new KeyLookup(null, null);

        static KeyLookup found(KeyRecord key) {
            KeyRecord.Plan plan = key.plan();
            return new KeyLookup(key, plan == null ? new Caller(key.accountId(), key.keyId(), key.mode())
                    : new Caller(key.accountId(), key.keyId(), key.mode(), plan.requestsPerMinute(), plan.burst()));
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

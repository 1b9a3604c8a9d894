package com.tikneuron.gateway.service;

import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.gateway.auth.ClientAddresses;
import com.tikneuron.gateway.config.GatewayConfig;
import com.tikneuron.gateway.state.Buckets;

import io.smallrye.mutiny.Uni;

/**
 * Slows down API-key guessing: every refused key costs the client address a token, and an address without tokens
 * left is refused before its key is even looked up, valid key or not, until tokens come back. The buckets are
 * shared by every gateway replica ({@link Buckets}), so spreading guesses over replicas gains nothing.
 * Addresses are counted as {@link ClientAddresses#limitKey(String)} says: IPv4 per address, IPv6 per /64.
 * Behind a proxy the address is the forwarded one (quarkus.http.proxy.* settings, trusted proxies only).
 */
@ApplicationScoped
public class AuthFailureLimiter {

    private static final String KIND = "refused";

    private final Buckets buckets;
    private final long perMinute;

    AuthFailureLimiter(Buckets buckets, GatewayConfig config) {
        this.buckets = buckets;
        this.perMinute = config.authFailures().perMinute();
    }

    /** Seconds the address must wait before its next request, or empty when it may go on. */
    public Uni<OptionalLong> blockedFor(String address) {
        return buckets.apply(KIND, ClientAddresses.limitKey(address), perMinute, perMinute, Buckets.Op.PEEK)
                .map(AuthFailureLimiter::waitOf);
    }

    /**
     * Takes a token from the address before a lookup billing will answer, so concurrent lookups from one address
     * never outnumber the refusals it has left: empty when taken, else the seconds to wait. A lookup that finds a
     * valid key gives the token back ({@link #refund}); otherwise the token was the refusal's charge.
     */
    public Uni<OptionalLong> reserve(String address) {
        return buckets.apply(KIND, ClientAddresses.limitKey(address), perMinute, perMinute, Buckets.Op.TAKE)
                .map(AuthFailureLimiter::waitOf);
    }

    /** Gives back a token taken by {@link #reserve} for a lookup that turned out not to be a guess. */
    public Uni<Void> refund(String address) {
        // Never above capacity: a refund after the bucket refilled must not grant extra guesses.
        return buckets.apply(KIND, ClientAddresses.limitKey(address), perMinute, perMinute, Buckets.Op.GIVE)
                .replaceWithVoid();
    }

    /** Charges one refused key to the address. */
    public Uni<Void> failed(String address) {
        return buckets.apply(KIND, ClientAddresses.limitKey(address), perMinute, perMinute, Buckets.Op.TAKE)
                .replaceWithVoid();
    }

    private static OptionalLong waitOf(Buckets.State state) {
        if (state.allowed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (state.nanosToNextToken() + 999_999_999L) / 1_000_000_000L));
    }
}

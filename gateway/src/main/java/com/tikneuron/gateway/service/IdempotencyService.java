package com.tikneuron.gateway.service;

import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.tikneuron.gateway.capability.Capability;
import com.tikneuron.gateway.client.DownstreamReply;
import com.tikneuron.gateway.config.GatewayConfig;
import com.tikneuron.gateway.error.RejectedRequestException;

import io.smallrye.mutiny.Uni;

/**
 * Idempotency-Key handling with Stripe's semantics, per account: the first request runs and its answer is
 * kept; a replay gets that answer without running again; the same key with another body is refused, and so
 * is a replay while the first is still running. Records live in this gateway's memory only.
 */
@ApplicationScoped
public class IdempotencyService {

    private static final int ENTRY_OVERHEAD_BYTES = 256;

    private final ConcurrentMap<String, Entry> entries;

    IdempotencyService(GatewayConfig config) {
        // Bounded by bytes, not entries: one stored transcript can weigh a thousand small answers.
        this.entries = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumWeight(config.idempotency().maxStoredBytes())
                .weigher((String scope, Entry entry) -> scope.length() + ENTRY_OVERHEAD_BYTES
                        + (entry instanceof Done done ? done.reply().body().length : 0))
                .expireAfterWrite(config.idempotency().ttl())
                .<String, Entry>build()
                .asMap();
    }

    /** Runs the call once per (account, key); replays get the stored reply with replayed set. */
    public Uni<Outcome> execute(String accountId, String idempotencyKey, Capability capability, JsonNode body,
            Supplier<Uni<DownstreamReply>> call) {
        String scope = accountId + '\n' + idempotencyKey;
        Running running = new Running(new Fingerprint(capability, body));
        Entry existing = entries.putIfAbsent(scope, running);
        if (existing != null) {
            return Uni.createFrom().item(() -> replay(existing, running.fingerprint()));
        }
        return call.get()
                .onItem().invoke(reply -> {
                    // Server errors are not kept: the request did not run to an answer, so a retry may run it.
                    if (reply.status() < 500) {
                        entries.replace(scope, running, new Done(running.fingerprint(), reply));
                    } else {
                        entries.remove(scope, running);
                    }
                })
                .onFailure().invoke(() -> entries.remove(scope, running))
                .onCancellation().invoke(() -> entries.remove(scope, running))
                .map(reply -> new Outcome(reply, false));
    }

    private static Outcome replay(Entry existing, Fingerprint fingerprint) {
        if (!existing.fingerprint().equals(fingerprint)) {
            throw new RejectedRequestException(422, "idempotency_key_reused",
                    "This Idempotency-Key was already used with a different request.");
        }
        if (existing instanceof Done done) {
            return new Outcome(done.reply(), true);
        }
        throw new RejectedRequestException(409, "idempotency_key_in_use",
                "A request with this Idempotency-Key is still being processed.");
    }

    /** The reply to send and whether it is a stored one. */
    public record Outcome(DownstreamReply reply, boolean replayed) {
    }

    private record Fingerprint(Capability capability, JsonNode body) {
    }

    private sealed interface Entry permits Running, Done {
        Fingerprint fingerprint();
    }

    // Not a record: removal must match this very attempt, never an equal-looking later one.
    private static final class Running implements Entry {

        private final Fingerprint fingerprint;

        Running(Fingerprint fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public Fingerprint fingerprint() {
            return fingerprint;
        }
    }

    private record Done(Fingerprint fingerprint, DownstreamReply reply) implements Entry {
    }
}

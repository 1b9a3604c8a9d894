package com.tikneuron.gateway.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.tikneuron.gateway.capability.Capability;
import com.tikneuron.gateway.client.DownstreamReply;
import com.tikneuron.gateway.config.GatewayConfig;
import com.tikneuron.gateway.error.RejectedRequestException;

import io.smallrye.mutiny.Uni;

/**
 * Idempotency-Key handling with Stripe's semantics, per account: the first request runs and its answer is
 * kept; a replay gets that answer without running again; the same key with another body is refused, and so
 * is a replay while the first is still running. Records live in this gateway's memory only, within a byte bound
 * per account and one for all accounts ({@link IdempotencyRecords}).
 */
@ApplicationScoped
public class IdempotencyService {

    private static final int ENTRY_OVERHEAD_BYTES = 256;
    // Property order does not make another request: the fingerprint is taken over the body with sorted properties.
    private static final ObjectWriter CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build().writer();

    private final IdempotencyRecords<Entry> records;

    IdempotencyService(GatewayConfig config) {
        // Bounded by bytes, not entries: one stored transcript can weigh a thousand small answers.
        this.records = new IdempotencyRecords<>(config.idempotency().maxStoredBytes(),
                config.idempotency().maxStoredBytesPerAccount(), config.idempotency().ttl(), System::nanoTime);
    }

    /** Runs the call once per (account, key); replays get the stored reply with replayed set. */
    public Uni<Outcome> execute(String accountId, String idempotencyKey, Capability capability, JsonNode body,
            Supplier<Uni<DownstreamReply>> call) {
        Running running = new Running(Fingerprint.of(capability, body));
        Entry existing = records.putIfAbsent(accountId, idempotencyKey, running, weight(accountId, idempotencyKey, 0));
        if (existing != null) {
            return Uni.createFrom().item(() -> replay(existing, running.fingerprint()));
        }
        return call.get()
                .onItem().invoke(reply -> {
                    // Server errors are not kept: the request did not run to an answer, so a retry may run it.
                    if (reply.status() < 500) {
                        records.replace(accountId, idempotencyKey, running, new Done(running.fingerprint(), reply),
                                weight(accountId, idempotencyKey, reply.body().length));
                    } else {
                        records.remove(accountId, idempotencyKey, running);
                    }
                })
                .onFailure().invoke(() -> records.remove(accountId, idempotencyKey, running))
                .onCancellation().invoke(() -> records.remove(accountId, idempotencyKey, running))
                .map(reply -> new Outcome(reply, false));
    }

    private static long weight(String accountId, String idempotencyKey, int bodyBytes) {
        return accountId.length() + idempotencyKey.length() + ENTRY_OVERHEAD_BYTES + (long) bodyBytes;
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

    /**
     * What a replay must match: the capability and a SHA-256 digest of the request body. Only the digest is kept,
     * never the body itself, so a record weighs the same whatever a client pads its request with.
     */
    private record Fingerprint(Capability capability, String bodyDigest) {

        static Fingerprint of(Capability capability, JsonNode body) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(body));
                return new Fingerprint(capability, HexFormat.of().formatHex(digest));
            } catch (JsonProcessingException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("A parsed JSON tree always serializes, and SHA-256 is in every JDK", e);
            }
        }
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

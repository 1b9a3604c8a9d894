package com.tikneuron.gateway.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.tikneuron.gateway.capability.Capability;
import com.tikneuron.gateway.client.DownstreamReply;
import com.tikneuron.gateway.error.RejectedRequestException;
import com.tikneuron.gateway.error.ServiceUnavailableException;
import com.tikneuron.gateway.state.IdempotencyStore;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * Idempotency-Key handling with Stripe's semantics, per account: the first request runs and its answer is kept;
 * a replay gets that answer without running again; the same key with another body is refused, and so is a replay
 * while the first is still running. Records are shared by every gateway replica ({@link IdempotencyStore}, in
 * Redis), so a retry that lands on another replica is answered the same. Without Redis an Idempotency-Key request
 * gets 503: running it again on a replica that cannot see the first attempt could charge twice.
 */
@ApplicationScoped
public class IdempotencyService {

    private static final Logger LOG = Logger.getLogger(IdempotencyService.class);
    private static final int ENTRY_OVERHEAD_BYTES = 256;
    static final String STORE_NAME = "idempotency store";
    // Property order does not make another request: the fingerprint is taken over the body with sorted properties.
    private static final ObjectWriter CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build().writer();

    private final IdempotencyStore store;
    private final ObjectMapper mapper;

    IdempotencyService(IdempotencyStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    /** Runs the call once per (account, key); replays get the stored reply with replayed set. */
    public Uni<Outcome> execute(String accountId, String idempotencyKey, Capability capability, JsonNode body,
            Supplier<Uni<DownstreamReply>> call) {
        String fingerprint = fingerprint(capability, body);
        // The value marks this very attempt: only it may complete or release the record.
        String running = "R" + UUID.randomUUID() + "|" + fingerprint;
        String record = recordName(idempotencyKey);
        return store.claim(accountId, record, running)
                .onFailure().transform(failure -> new ServiceUnavailableException(STORE_NAME, failure))
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(() -> replay(existing, fingerprint))
                        : run(accountId, record, running, fingerprint, idempotencyKey, call));
    }

    private Uni<Outcome> run(String accountId, String record, String running, String fingerprint,
            String idempotencyKey, Supplier<Uni<DownstreamReply>> call) {
        return call.get()
                .onFailure().call(() -> release(accountId, record, running))
                .onCancellation().invoke(() -> release(accountId, record, running).subscribe().with(ignored -> {
                }, ignored -> {
                }))
                .chain(reply -> {
                    // Server errors are not kept: the request did not run to an answer, so a retry may run it.
                    if (reply.status() >= 500) {
                        return release(accountId, record, running).replaceWith(reply);
                    }
                    String done = "D" + serialize(new Stored(fingerprint, reply.status(), reply.contentType(),
                            reply.creditsCharged(), reply.creditsRemaining(), reply.sample(), reply.body()));
                    long weight = accountId.length() + idempotencyKey.length() + ENTRY_OVERHEAD_BYTES
                            + (long) reply.body().length;
                    // The answer goes out once it is stored, so a retry that follows it is a replay. If Redis died
                    // meanwhile the record stays in flight until it lapses: retries get 409, never a second run.
                    return store.complete(accountId, record, running, done, weight)
                            .onFailure().recoverWithItem(failure -> {
                                LOG.warnf("could not store the answer of an Idempotency-Key request: %s", failure.toString());
                                return false;
                            })
                            .replaceWith(reply);
                })
                .map(reply -> new Outcome(reply, false));
    }

    private Uni<Void> release(String accountId, String record, String running) {
        return store.release(accountId, record, running).onFailure().recoverWithNull().replaceWithVoid();
    }

    private Outcome replay(String existing, String fingerprint) {
        if (existing.startsWith("R")) {
            if (!existing.endsWith("|" + fingerprint)) {
                throw reused();
            }
            throw new RejectedRequestException(409, "idempotency_key_in_use",
                    "A request with this Idempotency-Key is still being processed.");
        }
        Stored stored = deserialize(existing.substring(1));
        if (!stored.fingerprint().equals(fingerprint)) {
            throw reused();
        }
        return new Outcome(new DownstreamReply(stored.status(), stored.contentType(), stored.creditsCharged(),
                stored.creditsRemaining(), stored.body(), stored.sample()), true);
    }

    private static RejectedRequestException reused() {
        return new RejectedRequestException(422, "idempotency_key_reused",
                "This Idempotency-Key was already used with a different request.");
    }

    /** The reply to send and whether it is a stored one. */
    public record Outcome(DownstreamReply reply, boolean replayed) {
    }

    /** A completed request as kept in the store: what a replay must match, and the answer it gets. */
    @RegisterForReflection
    record Stored(String fingerprint, int status, String contentType, String creditsCharged, String creditsRemaining,
            boolean sample, byte[] body) {
    }

    private String serialize(Stored stored) {
        try {
            return mapper.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored answer always serializes", e);
        }
    }

    private Stored deserialize(String json) {
        try {
            return mapper.readValue(json, Stored.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An idempotency record this gateway wrote could not be read", e);
        }
    }

    // The client's key may be any 255 printable characters: the store names its record by a digest of it.
    private static String recordName(String idempotencyKey) {
        return sha256(idempotencyKey.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What a replay must match: the capability and a SHA-256 digest of the request body. Only the digest is kept,
     * never the body itself, so a record weighs the same whatever a client pads its request with.
     */
    private static String fingerprint(Capability capability, JsonNode body) {
        try {
            return capability.name() + ":" + sha256(CANONICAL.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed JSON tree always serializes", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}

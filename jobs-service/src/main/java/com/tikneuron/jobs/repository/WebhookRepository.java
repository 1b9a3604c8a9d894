package com.tikneuron.jobs.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Signing secrets (sealed), webhook events waiting for delivery, and every delivery attempt. */
@ApplicationScoped
public class WebhookRepository {

    private final Pool pool;

    WebhookRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> saveSecret(String accountId, byte[] sealed) {
        return pool.preparedQuery("INSERT INTO jobs.webhook_secret (account_id, sealed) VALUES ($1, $2) "
                + "ON CONFLICT (account_id) DO UPDATE SET sealed = excluded.sealed, created_at = now()")
                .execute(Tuple.of(accountId, io.vertx.core.buffer.Buffer.buffer(sealed))).replaceWithVoid();
    }

    public Uni<Optional<byte[]>> sealedSecret(String accountId) {
        return pool.preparedQuery("SELECT sealed FROM jobs.webhook_secret WHERE account_id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getBuffer(0).getBytes()));
    }

    /** Queues an event for delivery (once: its id is deterministic). */
    public static Uni<Void> insertEvent(SqlClient connection, String id, String accountId, String jobId,
            String batchId, String type, String url, String payload) {
        return connection.preparedQuery("INSERT INTO jobs.webhook_event (id, account_id, job_id, batch_id, type, url, "
                + "payload, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending') ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.from(Arrays.asList(id, accountId, jobId, batchId, type, url, payload)))
                .replaceWithVoid();
    }

    /**
     * Takes up to {@code limit} events due for delivery, pushing their next attempt past {@code lease} so no other
     * replica takes them while this one delivers.
     */
    public Uni<List<DueEvent>> takeDue(int limit, Duration lease) {
        return pool.preparedQuery("UPDATE jobs.webhook_event e SET next_attempt_at = now() + make_interval(secs => $2) "
                + "WHERE e.id IN (SELECT id FROM jobs.webhook_event WHERE status = 'pending' AND next_attempt_at <= now() "
                + "ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) "
                + "RETURNING e.id, e.account_id, e.type, e.url, e.payload, e.attempts, e.created_at")
                .execute(Tuple.of(limit, (double) lease.toMillis() / 1000))
                .map(rows -> {
                    List<DueEvent> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(new DueEvent(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                                row.getString(4), row.getInteger(5), row.getOffsetDateTime(6)));
                    }
                    return due;
                });
    }

    /**
     * Records one attempt and what follows: delivered, another try after {@code retryIn}, or given up (retryIn
     * null and not delivered).
     */
    public Uni<Void> recordAttempt(String eventId, int attempt, Integer statusCode, String error, long durationMs,
            boolean delivered, Duration retryIn) {
        String next = delivered ? "delivered" : retryIn == null ? "failed" : "pending";
        return pool.withTransaction(connection -> connection.preparedQuery("INSERT INTO jobs.webhook_attempt "
                + "(event_id, attempt, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5) "
                + "ON CONFLICT DO NOTHING")
                .execute(Tuple.from(Arrays.asList(eventId, attempt, statusCode, error, (int) durationMs)))
                .chain(() -> connection.preparedQuery("UPDATE jobs.webhook_event SET attempts = $2, status = $3, "
                        + "delivered_at = CASE WHEN $3 = 'delivered' THEN now() END, "
                        + "next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1")
                        .execute(Tuple.of(eventId, attempt, next,
                                retryIn == null ? 0.0 : (double) retryIn.toMillis() / 1000)))
                .replaceWithVoid());
    }

    /** An event to deliver now; {@code attempts} tries were made before. */
    public record DueEvent(String id, String accountId, String type, String url, String payload, int attempts,
            java.time.OffsetDateTime createdAt) {
    }
}

package com.tikneuron.jobs.repository;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Batches in PostgreSQL: a batch is complete once none of its jobs is queued or processing. */
@ApplicationScoped
public class BatchRepository {

    private static final String COLUMNS = "id, account_id, key_mode, type, webhook_url, metadata::text, total, "
            + "created_at, completed_at";

    private final Pool pool;

    BatchRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<BatchRecord>> find(String accountId, String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM jobs.batch WHERE id = $1 AND account_id = $2")
                .execute(Tuple.of(id, accountId)).map(BatchRepository::first);
    }

    /** Jobs of the batch per status, every status present (0 when none). */
    public Uni<Map<String, Long>> counts(String batchId) {
        return pool.preparedQuery("SELECT status, count(*) FROM jobs.job WHERE batch_id = $1 GROUP BY status")
                .execute(Tuple.of(batchId))
                .map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    for (String status : new String[] { "queued", "processing", "completed", "failed", "cancelled" }) {
                        counts.put(status, 0L);
                    }
                    for (Row row : rows) {
                        counts.put(row.getString(0), row.getLong(1));
                    }
                    return counts;
                });
    }

    /**
     * Marks the batch complete when its last job has just ended, once. The batch row is locked first, so of two jobs
     * ending together the second sees the first's end (a fresh snapshot after the lock) and exactly one completes it.
     */
    static Uni<Optional<BatchRecord>> completeIfDone(SqlClient connection, String batchId) {
        if (batchId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return connection.preparedQuery("SELECT id FROM jobs.batch WHERE id = $1 FOR UPDATE").execute(Tuple.of(batchId))
                .chain(() -> connection.preparedQuery("UPDATE jobs.batch b SET completed_at = now() WHERE b.id = $1 "
                        + "AND b.completed_at IS NULL AND NOT EXISTS (SELECT 1 FROM jobs.job j WHERE j.batch_id = $1 "
                        + "AND j.status IN ('queued', 'processing')) RETURNING " + COLUMNS)
                        .execute(Tuple.of(batchId)))
                .map(BatchRepository::first);
    }

    private static Optional<BatchRecord> first(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new BatchRecord(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                row.getString(4), row.getString(5), row.getInteger(6), row.getOffsetDateTime(7),
                row.getOffsetDateTime(8)));
    }

    /** One batch as stored. */
    public record BatchRecord(String id, String accountId, String keyMode, String type, String webhookUrl,
            String metadata, int total, OffsetDateTime createdAt, OffsetDateTime completedAt) {
    }
}

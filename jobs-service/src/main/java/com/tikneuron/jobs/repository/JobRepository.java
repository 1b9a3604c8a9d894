package com.tikneuron.jobs.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.jobs.job.JobRecord;
import com.tikneuron.jobs.job.NewJob;
import com.tikneuron.jobs.job.WebhookAttempt;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Jobs in PostgreSQL (schema {@code jobs}): every change of state is one conditional statement. */
@ApplicationScoped
public class JobRepository {

    static final String COLUMNS = "seq, id, account_id, key_mode, batch_id, type, input::text, sample_result::text, "
            + "status, result::text, error::text, error_status, credits_charged, metadata::text, webhook_url, attempt, "
            + "created_at, started_at, completed_at, cancelled_at";

    private final Pool pool;

    JobRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores jobs (and their batch, when given) in one transaction; refused items are stored failed. */
    public Uni<Void> insert(Optional<NewBatch> batch, List<NewJob> jobs, WebhookEvents events) {
        return pool.withTransaction(connection -> {
            Uni<?> first = batch.<Uni<?>>map(b -> connection.preparedQuery("INSERT INTO jobs.batch "
                    + "(id, account_id, key_mode, type, webhook_url, metadata, total) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7)")
                    .execute(Tuple.from(Arrays.asList(b.id(), b.accountId(), b.keyMode(), b.type(), (b.webhookUrl()),
                            b.metadata(), b.total()))))
                    .orElse(Uni.createFrom().voidItem());
            List<Tuple> rows = new ArrayList<>(jobs.size());
            for (NewJob job : jobs) {
                List<Object> values = new ArrayList<>(12);
                values.add(job.id());
                values.add(job.accountId());
                values.add(job.keyMode());
                values.add(job.batchId());
                values.add(job.type().value());
                values.add(job.input());
                values.add(job.sampleResult());
                values.add(job.refused() ? "failed" : "queued");
                values.add(job.error());
                values.add(job.errorStatus());
                values.add(job.metadata());
                values.add(job.webhookUrl());
                rows.add(Tuple.from(values));
            }
            return first.chain(() -> connection.preparedQuery("INSERT INTO jobs.job (id, account_id, key_mode, batch_id, "
                    + "type, input, sample_result, status, error, error_status, metadata, webhook_url, completed_at) "
                    + "VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb, $8, $9::text::jsonb, $10, $11::text::jsonb, $12, "
                    + "CASE WHEN $8 = 'failed' THEN now() END)").executeBatch(rows))
                    .chain(() -> refusedEvents(connection, jobs, events))
                    .chain(() -> batch.isEmpty() ? Uni.createFrom().voidItem()
                            : BatchRepository.completeIfDone(connection, batch.get().id())
                                    .chain(done -> done.isEmpty() ? Uni.createFrom().voidItem()
                                            : events.batchFinished(connection, done.get())));
        });
    }

    private static Uni<Void> refusedEvents(SqlClient connection, List<NewJob> jobs, WebhookEvents events) {
        String[] refused = jobs.stream().filter(job -> job.refused() && job.webhookUrl() != null).map(NewJob::id)
                .toArray(String[]::new);
        if (refused.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("SELECT " + COLUMNS + " FROM jobs.job WHERE id = ANY($1) ORDER BY seq")
                .execute(Tuple.of(refused))
                .chain(rows -> Uni.join().all(all(rows).stream().map(job -> events.jobFinished(connection, job)).toList())
                        .andCollectFailures())
                .replaceWithVoid();
    }

    public Uni<Void> markPublished(List<String> ids) {
        return pool.preparedQuery("UPDATE jobs.job SET published = true WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(String[]::new))).replaceWithVoid();
    }

    public Uni<Optional<JobRecord>> find(String accountId, String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM jobs.job WHERE id = $1 AND account_id = $2")
                .execute(Tuple.of(id, accountId)).map(JobRepository::first);
    }

    public Uni<Optional<JobRecord>> findById(String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM jobs.job WHERE id = $1")
                .execute(Tuple.of(id)).map(JobRepository::first);
    }

    /** Newest first, after the job {@code startingAfter} (a cursor the caller was given) when set. */
    public Uni<List<JobRecord>> list(String accountId, String status, int limit, String startingAfter) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM jobs.job WHERE account_id = $1 "
                + "AND ($2::text IS NULL OR status = $2) "
                + "AND ($3::text IS NULL OR seq < (SELECT seq FROM jobs.job WHERE id = $3 AND account_id = $1)) "
                + "ORDER BY seq DESC LIMIT $4")
                .execute(Tuple.of(accountId, status, startingAfter, limit)).map(JobRepository::all);
    }

    public Uni<List<JobRecord>> ofBatch(String batchId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM jobs.job WHERE batch_id = $1 ORDER BY seq")
                .execute(Tuple.of(batchId)).map(JobRepository::all);
    }

    /** Cancels a queued job; the job as it stands afterwards (or empty when it is not the account's). */
    public Uni<Optional<JobRecord>> cancel(String accountId, String id) {
        return pool.withTransaction(connection -> connection.preparedQuery("UPDATE jobs.job SET status = 'cancelled', "
                + "cancelled_at = now(), completed_at = now() WHERE id = $1 AND account_id = $2 AND status = 'queued'")
                .execute(Tuple.of(id, accountId))
                .chain(updated -> connection.preparedQuery("SELECT " + COLUMNS + " FROM jobs.job WHERE id = $1 AND account_id = $2")
                        .execute(Tuple.of(id, accountId)))
                .call(rows -> BatchRepository.completeIfDone(connection, rows.size() == 0 ? null
                        : rows.iterator().next().getString("batch_id")))
                .map(JobRepository::first));
    }

    /**
     * Takes a job for a run. Under a per-account advisory lock (so replicas cannot both take the last free place),
     * a queued job, or one whose worker's lease ran out, becomes processing with its attempt counted up, unless the
     * account already has its limit of live processing jobs.
     */
    public Uni<Claim> claim(String id, int perAccountLimit, Duration lease) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT account_id, status, attempt, lease_until < now() AS expired FROM jobs.job WHERE id = $1")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new Claim.Done());
                    }
                    Row row = rows.iterator().next();
                    String status = row.getString("status");
                    boolean expired = Boolean.TRUE.equals(row.getBoolean("expired"));
                    if (!status.equals("queued") && !status.equals("processing")) {
                        return Uni.createFrom().item(new Claim.Done());
                    }
                    if (status.equals("processing") && !expired) {
                        return Uni.createFrom().item(new Claim.Held());
                    }
                    Integer abandoned = status.equals("processing") ? row.getInteger("attempt") : null;
                    String account = row.getString("account_id");
                    return connection.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(account))
                            .chain(() -> connection.preparedQuery("SELECT count(*) AS n FROM jobs.job WHERE account_id = $1 "
                                    + "AND status = 'processing' AND lease_until >= now() AND id <> $2")
                                    .execute(Tuple.of(account, id)))
                            .chain(counted -> {
                                if (counted.iterator().next().getLong("n") >= perAccountLimit) {
                                    return Uni.createFrom().item(new Claim.AtLimit());
                                }
                                return connection.preparedQuery("UPDATE jobs.job SET status = 'processing', "
                                        + "attempt = attempt + 1, started_at = coalesce(started_at, now()), "
                                        + "lease_until = now() + make_interval(secs => $2) WHERE id = $1 "
                                        + "AND (status = 'queued' OR (status = 'processing' AND lease_until < now())) "
                                        + "RETURNING " + COLUMNS)
                                        .execute(Tuple.of(id, (double) lease.toMillis() / 1000))
                                        .map(updated -> first(updated).<Claim>map(job -> new Claim.Claimed(job, abandoned))
                                                .orElse(new Claim.Done()));
                            });
                }));
    }

    /**
     * Records a run's end, only if the job is still in that run (a run taken over after its lease ran out cannot
     * overwrite its successor), with its webhook event and, for the last job of a batch, the batch's.
     */
    public Uni<Optional<JobRecord>> finish(JobRecord job, Outcome outcome, WebhookEvents events) {
        return pool.withTransaction(connection -> connection.preparedQuery("UPDATE jobs.job SET status = $3, "
                + "result = $4::text::jsonb, error = $5::text::jsonb, error_status = $6, credits_charged = $7, completed_at = now(), "
                + "lease_until = NULL WHERE id = $1 AND attempt = $2 AND status = 'processing' RETURNING " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(job.id(), job.attempt(), outcome.status(), (outcome.result()),
                        (outcome.error()), (outcome.errorStatus()), outcome.creditsCharged())))
                .map(JobRepository::first)
                .call(finished -> finished.isEmpty() ? Uni.createFrom().voidItem()
                        : events.jobFinished(connection, finished.get())
                                .chain(() -> BatchRepository.completeIfDone(connection, finished.get().batchId())
                                        .chain(batch -> batch.isEmpty() ? Uni.createFrom().voidItem()
                                                : events.batchFinished(connection, batch.get())))));
    }

    /**
     * Extends the lease of a run that is still going on (its worker is alive); false when the job is no longer in
     * that run (taken over, finished or cancelled).
     */
    public Uni<Boolean> renewLease(String id, int attempt, Duration lease) {
        return pool.preparedQuery("UPDATE jobs.job SET lease_until = now() + make_interval(secs => $3) "
                + "WHERE id = $1 AND attempt = $2 AND status = 'processing'")
                .execute(Tuple.of(id, attempt, (double) lease.toMillis() / 1000)).map(rows -> rows.rowCount() == 1);
    }

    /** Puts a job back in the queue after a transient failure of its run. */
    public Uni<Boolean> requeue(String id, int attempt) {
        return pool.preparedQuery("UPDATE jobs.job SET status = 'queued', lease_until = NULL, published = false "
                + "WHERE id = $1 AND attempt = $2 AND status = 'processing'")
                .execute(Tuple.of(id, attempt)).map(rows -> rows.rowCount() == 1);
    }

    /** Jobs to put on the topic again: never published, or processing under a lease that ran out. */
    public Uni<List<JobRecord>> stranded(Duration unpublishedFor, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM jobs.job WHERE (status = 'queued' AND NOT published "
                + "AND created_at < now() - make_interval(secs => $1)) OR (status = 'processing' AND lease_until < now()) "
                + "ORDER BY seq LIMIT $2")
                .execute(Tuple.of((double) unpublishedFor.toMillis() / 1000, limit)).map(JobRepository::all);
    }

    /** Seconds the oldest queued job has waited (0 when none waits). */
    public Uni<Long> oldestQueuedSeconds() {
        return pool.query("SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint FROM jobs.job "
                + "WHERE status = 'queued'").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** Removes finished jobs older than the retention, and batches left with none; the number of jobs removed. */
    public Uni<Integer> sweep(Duration retention) {
        double seconds = (double) retention.toMillis() / 1000;
        return pool.withTransaction(connection -> connection.preparedQuery("DELETE FROM jobs.job WHERE status IN "
                + "('completed', 'failed', 'cancelled') AND completed_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of(seconds))
                .call(() -> connection.preparedQuery("DELETE FROM jobs.batch b WHERE b.created_at < now() - "
                        + "make_interval(secs => $1) AND NOT EXISTS (SELECT 1 FROM jobs.job j WHERE j.batch_id = b.id)")
                        .execute(Tuple.of(seconds)))
                .map(RowSet::rowCount));
    }

    public Uni<List<WebhookAttempt>> attempts(String jobId) {
        return pool.preparedQuery("SELECT a.event_id, e.type, a.attempt, a.attempted_at, a.status_code, a.error, "
                + "a.duration_ms FROM jobs.webhook_attempt a JOIN jobs.webhook_event e ON e.id = a.event_id "
                + "WHERE e.job_id = $1 ORDER BY a.attempted_at, a.attempt")
                .execute(Tuple.of(jobId))
                .map(rows -> {
                    List<WebhookAttempt> attempts = new ArrayList<>();
                    for (Row row : rows) {
                        attempts.add(new WebhookAttempt(row.getString(0), row.getString(1), row.getInteger(2),
                                row.getOffsetDateTime(3), row.getInteger(4), row.getString(5), row.getInteger(6)));
                    }
                    return attempts;
                });
    }

    /** How a run ended, as stored. */
    public record Outcome(String status, String result, String error, Integer errorStatus, int creditsCharged) {
    }

    /** A batch about to be stored. */
    public record NewBatch(String id, String accountId, String keyMode, String type, String webhookUrl,
            String metadata, int total) {
    }

    /** Writes the webhook events of finished jobs and batches in the transaction that finishes them. */
    public interface WebhookEvents {

        Uni<Void> jobFinished(SqlClient connection, JobRecord job);

        Uni<Void> batchFinished(SqlClient connection, BatchRepository.BatchRecord batch);
    }

    static Optional<JobRecord> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(job(rows.iterator().next()));
    }

    static List<JobRecord> all(RowSet<Row> rows) {
        List<JobRecord> jobs = new ArrayList<>(rows.size());
        for (Row row : rows) {
            jobs.add(job(row));
        }
        return jobs;
    }

    static JobRecord job(Row row) {
        return new JobRecord(row.getLong(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                row.getString(10), row.getInteger(11), row.getInteger(12), row.getString(13), row.getString(14),
                row.getInteger(15), row.getOffsetDateTime(16), row.getOffsetDateTime(17), row.getOffsetDateTime(18),
                row.getOffsetDateTime(19));
    }
}

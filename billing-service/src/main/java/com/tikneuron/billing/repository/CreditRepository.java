package com.tikneuron.billing.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.billing.service.SettlementEvent;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every change of a balance, as one call of a function of the billing schema (see the migrations). Each call is
 * atomic in the database and costs one round trip, which Hibernate's unit of work cannot give a conditional
 * debit under concurrency.
 */
@ApplicationScoped
public class CreditRepository {

    private final Pool pool;

    public CreditRepository(Pool pool) {
        this.pool = pool;
    }

    /** Outcome of a hold request as the database decided it. */
    public record HoldRow(HoldOutcome outcome, String status, long amount, String mode, OffsetDateTime expiresAt,
            Long available, Long reserved) {
    }

    /** Outcome of one settlement event. */
    public record SettlementRow(SettlementOutcome outcome, String capability, Long amount, String mode) {
    }

    /** Outcome of a grant or correction, and the available credits afterwards (null for an unknown account). */
    public record AdjustmentRow(AdjustmentOutcome outcome, Long available) {
    }

    /** Credits voided by one expiry sweep for one capability. */
    public record ExpiredRow(String capability, long holds, long credits) {
    }

    /** Balance of an account. */
    public record BalanceRow(long available, long reserved, OffsetDateTime updatedAt) {
    }

    /**
     * One line of the usage history. {@code requestId} is what the customer knows the call by: the X-Request-Id the
     * gateway echoed to them (the hold's correlation id), or the call id on rows written before it was stored.
     */
    public record UsageRow(String id, OffsetDateTime createdAt, String capability, String videoId, long credits,
            String status, String mode, String requestId) {
    }

    public Uni<Void> openAccount(UUID id, String name, long credits) {
        return pool.preparedQuery("SELECT billing.open_account($1, $2, $3)")
                .execute(Tuple.of(id, name, credits))
                .replaceWithVoid();
    }

    public Uni<AdjustmentRow> adjust(UUID accountId, long amount, String reason) {
        return pool.preparedQuery("SELECT outcome, available FROM billing.adjust_credits($1, $2, $3)")
                .execute(Tuple.of(accountId, amount, reason))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new AdjustmentRow(SqlOutcome.read(AdjustmentOutcome.class, row.getString("outcome")),
                            row.getLong("available"));
                });
    }

    public Uni<HoldRow> createHold(String holdId, UUID accountId, long amount, String capability, String videoId,
            String requestId, String correlationId, String mode, int ttlSeconds) {
        return pool.preparedQuery("SELECT * FROM billing.create_hold($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(Arrays.asList(holdId, accountId, amount, capability, videoId,
                        requestId, correlationId, mode, ttlSeconds)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new HoldRow(SqlOutcome.read(HoldOutcome.class, row.getString("outcome")),
                            row.getString("status"), row.getLong("amount"), row.getString("mode"),
                            row.getOffsetDateTime("expires_at"), row.getLong("available"), row.getLong("reserved"));
                });
    }

    /**
     * Applies a batch of settlement events in one transaction, in order: the hold events in one call of
     * {@code apply_settlements} (two set-based statements for the whole batch), then the cached uses pipelined in
     * one round trip. Returns one outcome per event, in the order given. The outcomes are read inside the
     * transaction, so one this version does not know rolls the batch back and it is tried again, unacknowledged.
     */
    public Uni<List<SettlementRow>> applySettlements(List<SettlementEvent> events) {
        List<SettlementEvent> holdEvents = new ArrayList<>();
        List<Tuple> cachedUses = new ArrayList<>();
        for (SettlementEvent event : events) {
            if (event.isHoldEvent()) {
                holdEvents.add(event);
            } else {
                cachedUses.add(Tuple.from(Arrays.asList(event.eventId(), event.accountId(), event.capability(),
                        event.videoId(), event.requestId(), event.correlationId(), event.modeOrLive(),
                        event.occurredAt())));
            }
        }
        return pool.withTransaction(connection -> applyHoldEvents(connection, holdEvents)
                .flatMap(holdOutcomes -> applyCachedUses(connection, cachedUses)
                        .map(cachedOutcomes -> merge(events, holdOutcomes, cachedOutcomes))));
    }

    private Uni<List<SettlementRow>> applyHoldEvents(SqlConnection connection, List<SettlementEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int size = events.size();
        String[] eventIds = new String[size];
        String[] types = new String[size];
        String[] holdIds = new String[size];
        UUID[] accountIds = new UUID[size];
        String[] reasons = new String[size];
        for (int i = 0; i < size; i++) {
            SettlementEvent event = events.get(i);
            eventIds[i] = event.eventId();
            types[i] = event.type();
            holdIds[i] = event.holdId();
            accountIds[i] = event.accountId();
            reasons[i] = event.reason();
        }
        return connection
                .preparedQuery("SELECT outcome, capability, amount, mode FROM billing.apply_settlements($1, $2, $3, $4, $5)")
                .execute(Tuple.tuple().addArrayOfString(eventIds).addArrayOfString(types).addArrayOfString(holdIds)
                        .addArrayOfUUID(accountIds).addArrayOfString(reasons))
                .map(rows -> {
                    List<SettlementRow> outcomes = new ArrayList<>(size);
                    for (Row row : rows) {
                        outcomes.add(new SettlementRow(
                                SqlOutcome.read(SettlementOutcome.class, row.getString("outcome")),
                                row.getString("capability"), row.getLong("amount"), row.getString("mode")));
                    }
                    if (outcomes.size() != size) {
                        throw new IllegalStateException("apply_settlements answered " + outcomes.size()
                                + " outcomes for " + size + " events");
                    }
                    return outcomes;
                });
    }

    private Uni<List<SettlementRow>> applyCachedUses(SqlConnection connection, List<Tuple> tuples) {
        if (tuples.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return connection
                .preparedQuery("SELECT billing.record_cached_use($1, $2, $3, $4, $5, $6, $7, $8) AS outcome")
                .executeBatch(tuples)
                .map(rows -> {
                    List<SettlementRow> outcomes = new ArrayList<>(tuples.size());
                    for (RowSet<Row> set = rows; set != null; set = set.next()) {
                        String outcome = set.iterator().next().getString("outcome");
                        outcomes.add(new SettlementRow(SqlOutcome.read(SettlementOutcome.class, outcome), null, 0L,
                                null));
                    }
                    return outcomes;
                });
    }

    private static List<SettlementRow> merge(List<SettlementEvent> events, List<SettlementRow> holdOutcomes,
            List<SettlementRow> cachedOutcomes) {
        List<SettlementRow> merged = new ArrayList<>(events.size());
        int hold = 0;
        int cached = 0;
        for (SettlementEvent event : events) {
            merged.add(event.isHoldEvent() ? holdOutcomes.get(hold++) : cachedOutcomes.get(cached++));
        }
        return merged;
    }

    public Uni<List<ExpiredRow>> expireHolds(int limit) {
        return pool.preparedQuery("SELECT capability, holds, credits FROM billing.expire_holds($1)")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<ExpiredRow> expired = new ArrayList<>();
                    for (Row row : rows) {
                        expired.add(new ExpiredRow(row.getString("capability"), row.getLong("holds"),
                                row.getLong("credits")));
                    }
                    return expired;
                });
    }

    public Uni<Long> countInvariantViolations() {
        return pool.query("SELECT count(*) AS n FROM billing.invariant_violations").execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    public Uni<Long> countPendingHolds() {
        return pool.query("SELECT count(*) AS n FROM billing.holds WHERE status = 'pending'").execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    public Uni<Optional<BalanceRow>> balance(UUID accountId) {
        return pool.preparedQuery("SELECT available, reserved, updated_at FROM billing.accounts WHERE id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    return Optional.of(new BalanceRow(row.getLong("available"), row.getLong("reserved"),
                            row.getOffsetDateTime("updated_at")));
                });
    }

    private static final String USAGE = """
            SELECT id, created_at, capability, video_id, credits, status, mode, request_id FROM (
                SELECT h.id, h.created_at, h.capability, h.video_id,
                       CASE WHEN h.mode = 'live' AND h.status IN ('pending', 'captured') THEN h.amount ELSE 0 END AS credits,
                       CASE h.status WHEN 'pending' THEN 'pending' WHEN 'captured' THEN 'charged' ELSE 'refunded' END AS status,
                       h.mode, coalesce(h.correlation_id, h.request_id) AS request_id
                  FROM billing.holds h WHERE h.account_id = $1
                UNION ALL
                SELECT c.id, c.created_at, c.capability, c.video_id, 0, 'free-cached', c.mode,
                       coalesce(c.correlation_id, c.request_id)
                  FROM billing.cached_uses c WHERE c.account_id = $1
            ) u
            WHERE $2::timestamptz IS NULL OR (u.created_at, u.id) < ($2::timestamptz, $3::text)
            ORDER BY u.created_at DESC, u.id DESC
            LIMIT $4
            """;

    /** Usage newest first; starting after the entry given, when one is. Empty when the cursor is unknown. */
    public Uni<Optional<List<UsageRow>>> usage(UUID accountId, String startingAfter, int limit) {
        Uni<Optional<OffsetDateTime>> cursor = startingAfter == null
                ? Uni.createFrom().item(Optional.of(OffsetDateTime.MAX))
                : pool.preparedQuery("""
                        SELECT created_at FROM billing.holds WHERE id = $1 AND account_id = $2
                        UNION ALL
                        SELECT created_at FROM billing.cached_uses WHERE id = $1 AND account_id = $2
                        """)
                        .execute(Tuple.of(startingAfter, accountId))
                        .map(rows -> rows.size() == 0
                                ? Optional.empty()
                                : Optional.of(rows.iterator().next().getOffsetDateTime("created_at")));
        return cursor.flatMap(after -> {
            if (after.isEmpty()) {
                return Uni.createFrom().item(Optional.empty());
            }
            OffsetDateTime before = startingAfter == null ? null : after.get();
            return pool.preparedQuery(USAGE)
                    .execute(Tuple.of(accountId, before, startingAfter, limit))
                    .map(rows -> {
                        List<UsageRow> page = new ArrayList<>();
                        for (Row row : rows) {
                            page.add(new UsageRow(row.getString("id"), row.getOffsetDateTime("created_at"),
                                    row.getString("capability"), row.getString("video_id"), row.getLong("credits"),
                                    row.getString("status"), row.getString("mode"), row.getString("request_id")));
                        }
                        return Optional.of(page);
                    });
        });
    }

    /** Records that a key was used, at most once per granularity window, so lookups stay read-mostly. */
    public Uni<Void> touchKey(UUID keyId, long granularitySeconds) {
        return pool.preparedQuery("""
                UPDATE billing.api_keys SET last_used_at = now()
                 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))
                """)
                .execute(Tuple.of(keyId, (double) granularitySeconds))
                .replaceWithVoid();
    }
}

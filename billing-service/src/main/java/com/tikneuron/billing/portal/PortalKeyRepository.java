package com.tikneuron.billing.portal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The portal's reads and writes of keys and usage, always scoped to one account. */
@ApplicationScoped
public class PortalKeyRepository {

    private final Pool pool;

    public PortalKeyRepository(Pool pool) {
        this.pool = pool;
    }

    /** A key as its owner sees it in a list: never its text nor its digest. */
    public record KeyRow(UUID id, String name, String prefix, String mode, String status, OffsetDateTime createdAt,
            OffsetDateTime lastUsedAt, OffsetDateTime revokedAt, OffsetDateTime revokeAfter) {
    }

    /** Credits captured on one day for one capability (live keys only: test calls cost nothing). */
    public record DailyRow(LocalDate day, String capability, long credits, long calls) {
    }

    public Uni<List<KeyRow>> keys(UUID accountId) {
        return pool.preparedQuery("""
                SELECT id, name, prefix, mode, status, created_at, last_used_at, revoked_at, revoke_after
                  FROM billing.api_keys WHERE account_id = $1
                 ORDER BY (status = 'active') DESC, created_at DESC LIMIT 200""")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    List<KeyRow> keys = new ArrayList<>();
                    for (Row row : rows) {
                        keys.add(keyRow(row));
                    }
                    return keys;
                });
    }

    /** The key if it belongs to the account; null otherwise, whether it exists or not. */
    public Uni<KeyRow> key(UUID accountId, UUID keyId) {
        return pool.preparedQuery("""
                SELECT id, name, prefix, mode, status, created_at, last_used_at, revoked_at, revoke_after
                  FROM billing.api_keys WHERE account_id = $1 AND id = $2""")
                .execute(Tuple.of(accountId, keyId))
                .map(rows -> rows.rowCount() == 0 ? null : keyRow(rows.iterator().next()));
    }

    public Uni<Void> name(UUID keyId, String name) {
        return pool.preparedQuery("UPDATE billing.api_keys SET name = $2 WHERE id = $1")
                .execute(Tuple.of(keyId, name)).replaceWithVoid();
    }

    /** Revokes the account's key now; false when the account has no such key. */
    public Uni<Boolean> revoke(UUID accountId, UUID keyId) {
        return pool.preparedQuery("""
                UPDATE billing.api_keys
                   SET status = 'revoked', revoked_at = coalesce(revoked_at, now()), revoke_after = NULL
                 WHERE account_id = $1 AND id = $2
                RETURNING id""")
                .execute(Tuple.of(accountId, keyId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Schedules the revocation of an active key of the account; false when it has no such active key. */
    public Uni<Boolean> revokeAfter(UUID accountId, UUID keyId, OffsetDateTime when) {
        return pool.preparedQuery("""
                UPDATE billing.api_keys SET revoke_after = $3
                 WHERE account_id = $1 AND id = $2 AND status = 'active'
                RETURNING id""")
                .execute(Tuple.of(accountId, keyId, when))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Revokes every key whose grace period is over; returns how many. */
    public Uni<Integer> revokeDue() {
        return pool.query("""
                UPDATE billing.api_keys SET status = 'revoked', revoked_at = now()
                 WHERE status = 'active' AND revoke_after IS NOT NULL AND revoke_after <= now()""")
                .execute()
                .map(rows -> rows.rowCount());
    }

    /** Captured credits per UTC day and capability over the last {@code days} days, oldest first. */
    public Uni<List<DailyRow>> daily(UUID accountId, int days) {
        return pool.preparedQuery("""
                SELECT (h.created_at AT TIME ZONE 'UTC')::date AS day, h.capability,
                       sum(h.amount)::bigint AS credits, count(*) AS calls
                  FROM billing.holds h
                 WHERE h.account_id = $1 AND h.status = 'captured' AND h.mode = 'live'
                   AND h.created_at >= (((now() AT TIME ZONE 'UTC')::date - ($2::int - 1))::timestamp AT TIME ZONE 'UTC')
                 GROUP BY 1, 2 ORDER BY 1, 2""")
                .execute(Tuple.of(accountId, days))
                .map(rows -> {
                    List<DailyRow> daily = new ArrayList<>();
                    for (Row row : rows) {
                        daily.add(new DailyRow(row.getLocalDate("day"), row.getString("capability"),
                                row.getLong("credits"), row.getLong("calls")));
                    }
                    return daily;
                });
    }

    private static KeyRow keyRow(Row row) {
        return new KeyRow(row.getUUID("id"), row.getString("name"), row.getString("prefix"), row.getString("mode"),
                row.getString("status"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("last_used_at"),
                row.getOffsetDateTime("revoked_at"), row.getOffsetDateTime("revoke_after"));
    }
}

package com.tikneuron.paid.claim;

import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.paid.PaidConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Leased, owner-checked claims on work, in the calling service's own schema: the first request for a key claims it,
 * identical requests on other replicas wait for its result instead of paying for the same work. A claim whose lease
 * ran out (its replica died) may be taken over; only the owner that holds a claim can release it.
 */
@ApplicationScoped
public class WorkClaims {

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");

    private final Pool pool;
    private final String claimSql;
    private final String releaseSql;

    public WorkClaims(Pool pool, PaidConfig config) {
        this.pool = pool;
        String table = config.claimTable();
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("tikneuron.paid.claim-table must be schema.table, got " + table);
        }
        this.claimSql = "INSERT INTO " + table + " AS c (claim_key, owner, expires_at)"
                + " VALUES ($1, $2, now() + $3 * INTERVAL '1 millisecond')"
                + " ON CONFLICT (claim_key) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at"
                + " WHERE c.expires_at < now() RETURNING owner";
        this.releaseSql = "DELETE FROM " + table + " WHERE claim_key = $1 AND owner = $2";
    }

    /** Takes the claim if nobody holds it or its lease ran out; true when this owner now holds it. */
    public Uni<Boolean> claim(String key, String owner, Duration lease) {
        return pool.preparedQuery(claimSql).execute(Tuple.of(key, owner, lease.toMillis()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Releases the claim if this owner still holds it; true when it did (a claim taken over stays with its new owner). */
    public Uni<Boolean> release(String key, String owner) {
        return pool.preparedQuery(releaseSql).execute(Tuple.of(key, owner)).map(rows -> rows.rowCount() == 1);
    }
}

package com.tikneuron.subtitle.repository;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Leased claims on TikTok fetches, shared by every instance through PostgreSQL. */
@ApplicationScoped
public class FetchClaimRepository {

    private final Pool pool;

    public FetchClaimRepository(Pool pool) {
        this.pool = pool;
    }

    /** Takes the claim if nobody holds it or its lease ran out; true when this owner now holds it. */
    public Uni<Boolean> claim(String key, String owner, Duration lease) {
        return pool.preparedQuery("INSERT INTO subtitle.fetch_claim (claim_key, owner, expires_at)"
                        + " VALUES ($1, $2, now() + $3 * interval '1 millisecond')"
                        + " ON CONFLICT (claim_key) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at"
                        + " WHERE subtitle.fetch_claim.expires_at < now() RETURNING owner")
                .execute(Tuple.of(key, owner, lease.toMillis()))
                .map(rows -> rows.size() == 1);
    }

    /** Whether somebody still holds a live claim on the key. */
    public Uni<Boolean> held(String key) {
        return pool.preparedQuery("SELECT 1 FROM subtitle.fetch_claim WHERE claim_key = $1 AND expires_at >= now()")
                .execute(Tuple.of(key))
                .map(rows -> rows.size() == 1);
    }

    public Uni<Void> release(String key, String owner) {
        return pool.preparedQuery("DELETE FROM subtitle.fetch_claim WHERE claim_key = $1 AND owner = $2")
                .execute(Tuple.of(key, owner))
                .replaceWithVoid();
    }
}

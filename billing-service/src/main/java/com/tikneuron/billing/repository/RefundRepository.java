package com.tikneuron.billing.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Settles the holds of one call of one account that the caller was told failed (billing.refund_call). */
@ApplicationScoped
public class RefundRepository {

    /** One hold of the call and what happened to it. */
    public record RefundRow(String holdId, RefundOutcome outcome, long amount, String capability, String mode) {
    }

    private final Pool pool;

    public RefundRepository(Pool pool) {
        this.pool = pool;
    }

    /** Settles the holds of the call that belong to the account and were created within the window. */
    public Uni<List<RefundRow>> refund(UUID accountId, String callId, String reason, Duration window) {
        return pool.preparedQuery("SELECT * FROM billing.refund_call($1, $2, $3, $4::bigint * interval '1 millisecond')")
                .execute(Tuple.of(accountId, callId, reason, window.toMillis()))
                .map(rows -> {
                    List<RefundRow> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(new RefundRow(row.getString("hold_id"),
                                SqlOutcome.read(RefundOutcome.class, row.getString("outcome")),
                                row.getLong("amount"), row.getString("capability"), row.getString("mode")));
                    }
                    return result;
                });
    }
}

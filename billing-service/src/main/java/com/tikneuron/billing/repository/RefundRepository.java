package com.tikneuron.billing.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Settles the holds of a request the caller was told failed (billing.refund_request, V5). */
@ApplicationScoped
public class RefundRepository {

    /** One hold of the request and what happened to it: voided, refunded or settled (nothing to do). */
    public record RefundRow(String holdId, String outcome, long amount, String capability, String mode) {
    }

    private final Pool pool;

    public RefundRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<RefundRow>> refund(String requestId, String reason) {
        return pool.preparedQuery("SELECT * FROM billing.refund_request($1, $2)")
                .execute(Tuple.of(requestId, reason))
                .map(rows -> {
                    List<RefundRow> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(new RefundRow(row.getString("hold_id"), row.getString("outcome"),
                                row.getLong("amount"), row.getString("capability"), row.getString("mode")));
                    }
                    return result;
                });
    }
}

package com.tikneuron.billing;

import static com.tikneuron.billing.BillingTestSupport.available;
import static com.tikneuron.billing.BillingTestSupport.hold;
import static com.tikneuron.billing.BillingTestSupport.openAccount;
import static com.tikneuron.billing.BillingTestSupport.reserved;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.tikneuron.billing.service.HoldExpiryJob;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ExpiryTest {

    @Inject
    HoldExpiryJob expiry;

    @Inject
    Pool pool;

    @Test
    void sweepsRunningAtOnceExpireEveryDueHoldExactlyOnce() {
        String account = openAccount(300);
        pool.preparedQuery("SELECT count(*) FROM generate_series(1, 120) AS g,"
                + " billing.create_hold('expiry:' || $1 || ':' || g, $2::uuid, 2, 'subtitle', NULL, NULL, NULL, 'live',"
                + " 900) AS h"
                + " WHERE h.outcome = 'created'")
                .execute(Tuple.of(UUID.randomUUID().toString(), account)).await().indefinitely();
        assertEquals(60, available(account));
        String testAccount = openAccount(5);
        assertEquals(201, hold("subtitle:" + UUID.randomUUID(), testAccount, 2, "test"));
        String fresh = "subtitle:" + UUID.randomUUID();
        assertEquals(201, hold(fresh, account, 1, "live"));
        pool.preparedQuery("UPDATE billing.holds SET expires_at = now() - interval '1 second'"
                + " WHERE account_id = ANY($1::uuid[]) AND id <> $2")
                .execute(Tuple.of(new UUID[] { UUID.fromString(account), UUID.fromString(testAccount) }, fresh))
                .await().indefinitely();

        // Three sweeps at once, as three replicas would run them, each on its own connection.
        List<Long> expired = Uni.join().all(expiry.expireDue(), expiry.expireDue(), expiry.expireDue())
                .andFailFast().await().atMost(Duration.ofSeconds(30));

        assertEquals(121, expired.stream().mapToLong(Long::longValue).sum());
        assertEquals(299, available(account));
        assertEquals(1, reserved(account));
        assertEquals(5, available(testAccount));
        assertEquals(120L, count("SELECT count(*) AS n FROM billing.ledger_entries WHERE kind = 'expire' AND account_id = $1",
                account));
        assertEquals(0L, count("SELECT count(*) AS n FROM billing.invariant_violations WHERE account_id = $1", account));
    }

    private long count(String sql, String account) {
        return pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(account))).await().indefinitely()
                .iterator().next().getLong("n");
    }
}

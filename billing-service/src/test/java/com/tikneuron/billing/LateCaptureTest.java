package com.tikneuron.billing;

import static com.tikneuron.billing.BillingTestSupport.ADMIN;
import static com.tikneuron.billing.BillingTestSupport.available;
import static com.tikneuron.billing.BillingTestSupport.hold;
import static com.tikneuron.billing.BillingTestSupport.holdEvent;
import static com.tikneuron.billing.BillingTestSupport.newCallId;
import static com.tikneuron.billing.BillingTestSupport.openAccount;
import static com.tikneuron.billing.BillingTestSupport.reserved;
import static com.tikneuron.billing.repository.SettlementOutcome.DUPLICATE;
import static com.tikneuron.billing.repository.SettlementOutcome.LATE;
import static com.tikneuron.billing.repository.SettlementOutcome.LATE_CAPTURED;
import static com.tikneuron.billing.repository.SettlementOutcome.WRITTEN_OFF;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.billing.repository.CreditRepository.SettlementRow;
import com.tikneuron.billing.repository.SettlementOutcome;
import com.tikneuron.billing.service.HoldExpiryJob;
import com.tikneuron.billing.service.SettlementEvent;
import com.tikneuron.billing.service.SettlementService;

import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A capture that arrives after its hold expired still charges the account when it can pay; never silently free. */
@QuarkusTest
class LateCaptureTest {

    @Inject
    SettlementService settlements;

    @Inject
    HoldExpiryJob expiry;

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    @Test
    void aCaptureAfterExpiryChargesTheAccountOnceAndKeepsTheLedgerWhole() throws Exception {
        String account = openAccount(10);
        String holdId = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, account, 4, "live"));
        expire(account);
        assertEquals(10, available(account));
        assertEquals(0, reserved(account));

        String capture = holdEvent("hold.captured", holdId, account, 4);
        assertEquals(LATE_CAPTURED, apply(capture));
        // The same event again, and a second capture of the same hold, charge nothing more.
        assertEquals(DUPLICATE, apply(capture));
        assertEquals(LATE, apply(capture.replace(":captured\"", ":captured-again\"")));

        assertEquals(6, available(account));
        assertEquals(0, reserved(account));
        assertEquals(1L, count("SELECT count(*) AS n FROM billing.ledger_entries WHERE account_id = $1"
                + " AND kind = 'late_capture' AND amount = 4", account));
        assertEquals(1L, count("SELECT count(*) AS n FROM billing.holds WHERE account_id = $1"
                + " AND status = 'captured' AND late", account));
        assertEquals(0L, violations(account));
        given().when().get("/internal/v1/accounts/" + account + "/usage")
                .then().statusCode(200)
                .body("data[0].status", org.hamcrest.Matchers.equalTo("charged"))
                .body("data[0].credits", org.hamcrest.Matchers.equalTo(4));
    }

    @Test
    void aCaptureAfterExpiryThatTheAccountCannotPayIsWrittenOffNotTakenBelowZero() throws Exception {
        String account = openAccount(5);
        String holdId = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, account, 5, "live"));
        expire(account);
        // The credits came back and were spent elsewhere (here: corrected away) before the capture arrived.
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("amount", -3, "reason", "test correction"))
                .when().post("/admin/v1/accounts/" + account + "/credits").then().statusCode(200);

        assertEquals(WRITTEN_OFF, apply(holdEvent("hold.captured", holdId, account, 5)));
        assertEquals(LATE, apply(holdEvent("hold.captured", holdId, account, 5).replace(":captured\"", ":again\"")));

        assertEquals(2, available(account));
        assertEquals(0L, count("SELECT count(*) AS n FROM billing.ledger_entries WHERE account_id = $1"
                + " AND kind = 'late_capture'", account));
        assertEquals(1L, count("SELECT count(*) AS n FROM billing.processed_events WHERE account_id = $1"
                + " AND outcome = 'written_off'",
                account));
        assertEquals(0L, violations(account));
    }

    @Test
    void aFailedCallsExpiredHoldIsNeverCapturedLate() throws Exception {
        String account = openAccount(10);
        String callId = newCallId();
        String holdId = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, account, 4, "live", callId));
        expire(account);
        pool.preparedQuery("SELECT count(*) FROM billing.refund_call($1, $2, 'gateway answered 503', interval '30 minutes')")
                .execute(Tuple.of(UUID.fromString(account), callId)).await().indefinitely();

        assertEquals(LATE, apply(holdEvent("hold.captured", holdId, account, 4)));
        assertEquals(10, available(account));
        assertEquals(0L, violations(account));
    }

    @Test
    void aVoidAfterExpiryStaysLate() throws Exception {
        String account = openAccount(10);
        String holdId = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, account, 4, "live"));
        expire(account);
        assertEquals(LATE, apply(holdEvent("hold.voided", holdId, account, 4)));
        assertEquals(10, available(account));
    }

    private void expire(String account) {
        pool.preparedQuery("UPDATE billing.holds SET expires_at = now() - interval '1 second'"
                + " WHERE account_id = $1 AND status = 'pending'")
                .execute(Tuple.of(UUID.fromString(account))).await().indefinitely();
        expiry.expireDue().await().atMost(Duration.ofSeconds(30));
    }

    private SettlementOutcome apply(String json) throws Exception {
        List<SettlementRow> rows = settlements.apply(List.of(SettlementEvent.from(mapper.readTree(json))))
                .await().atMost(Duration.ofSeconds(30));
        return rows.get(0).outcome();
    }

    private long violations(String account) {
        return count("SELECT count(*) AS n FROM billing.invariant_violations WHERE account_id = $1", account);
    }

    private long count(String sql, String account) {
        return pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(account))).await().indefinitely()
                .iterator().next().getLong("n");
    }
}

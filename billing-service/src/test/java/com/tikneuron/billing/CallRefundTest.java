package com.tikneuron.billing;

import static com.tikneuron.billing.BillingTestSupport.available;
import static com.tikneuron.billing.BillingTestSupport.hold;
import static com.tikneuron.billing.BillingTestSupport.holdEvent;
import static com.tikneuron.billing.BillingTestSupport.newCallId;
import static com.tikneuron.billing.BillingTestSupport.openAccount;
import static com.tikneuron.billing.BillingTestSupport.patience;
import static com.tikneuron.billing.BillingTestSupport.producer;
import static com.tikneuron.billing.BillingTestSupport.reserved;
import static com.tikneuron.billing.BillingTestSupport.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A call its caller was told failed is never charged: its holds are voided or refunded, once. A refund names the
 * account and the gateway's call id, and reaches only that account's holds of that call, created within the window.
 */
@QuarkusTest
class CallRefundTest {

    @Inject
    Pool pool;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void openProducer() {
        producer = producer();
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    private static JsonPath refund(String accountId, String callId) {
        return given().contentType(ContentType.JSON).body(Map.of("reason", "failed_to_client"))
                .post("/internal/v1/accounts/" + accountId + "/calls/" + callId + "/refund")
                .then().statusCode(200).body("call_id", equalTo(callId)).extract().jsonPath();
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(List.of(params))).await().indefinitely()
                .iterator().next().getLong(0);
    }

    private void assertNothingSettled(JsonPath answer) {
        assertEquals(0, answer.getLong("voided"));
        assertEquals(0, answer.getLong("refunded"));
        assertEquals(0, answer.getLong("credits"));
    }

    private long refundEntries(String accountId) {
        return count("SELECT count(*) FROM billing.ledger_entries WHERE account_id = $1::uuid AND kind = 'refund'",
                accountId);
    }

    /** Creates a live hold of the call and captures it over Kafka, as a capability service does on success. */
    private String capturedHold(String accountId, String callId, long amount) {
        String holdId = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, accountId, amount, "live", callId));
        send(producer, accountId, holdEvent("hold.captured", holdId, accountId, amount));
        return holdId;
    }

    private void awaitAllCaptured(String accountId) {
        await().atMost(patience()).until(() -> reserved(accountId) == 0);
    }

    @Test
    void aRefundForAnotherAccountsCallChangesNothing() {
        String victim = openAccount(20);
        String attacker = openAccount(20);
        String victimCall = newCallId();
        capturedHold(victim, victimCall, 3);
        awaitAllCaptured(victim);

        assertNothingSettled(refund(attacker, victimCall));

        assertEquals(17, available(victim));
        assertEquals(20, available(attacker));
        assertEquals(0, refundEntries(victim));
        assertEquals(0, refundEntries(attacker));
    }

    @Test
    void aRefundNamingTheRightAccountButAnotherCallChangesNothing() {
        String account = openAccount(20);
        String other = openAccount(20);
        String call = newCallId();
        String otherAccountsCall = newCallId();
        capturedHold(account, call, 3);
        capturedHold(other, otherAccountsCall, 4);
        awaitAllCaptured(account);
        awaitAllCaptured(other);

        assertNothingSettled(refund(account, newCallId()));
        assertNothingSettled(refund(account, otherAccountsCall));

        assertEquals(17, available(account));
        assertEquals(16, available(other));
        assertEquals(0, refundEntries(account));
        assertEquals(0, refundEntries(other));
    }

    @Test
    void aRefundForACallOlderThanTheWindowChangesNothing() {
        String account = openAccount(20);
        String call = newCallId();
        String holdId = capturedHold(account, call, 3);
        awaitAllCaptured(account);
        Duration window = ConfigProvider.getConfig().getValue("tikneuron.billing.refund-window", Duration.class);
        pool.preparedQuery("UPDATE billing.holds SET created_at = now() - $2::bigint * interval '1 second'"
                + " WHERE id = $1").execute(Tuple.of(holdId, window.plusMinutes(1).toSeconds()))
                .await().indefinitely();

        assertNothingSettled(refund(account, call));

        assertEquals(17, available(account));
        assertEquals(0, refundEntries(account));
    }

    @Test
    void theRightAccountAndARecentCallRefundExactlyThatCallsHoldsOnce() {
        String account = openAccount(30);
        String earlierCall = newCallId();
        String failedCall = newCallId();
        String earlierHold = capturedHold(account, earlierCall, 3);
        String firstHold = capturedHold(account, failedCall, 2);
        String secondHold = capturedHold(account, failedCall, 4);
        awaitAllCaptured(account);
        assertEquals(21, available(account));

        JsonPath first = refund(account, failedCall);
        JsonPath again = refund(account, failedCall);

        assertEquals(0, first.getLong("voided"));
        assertEquals(2, first.getLong("refunded"));
        assertEquals(6, first.getLong("credits"));
        assertNothingSettled(again);
        assertEquals(27, available(account));
        assertEquals(2, refundEntries(account));
        assertEquals(1L, count("SELECT count(*) FROM billing.ledger_entries WHERE kind = 'refund' AND hold_id = $1"
                + " AND amount = 2", firstHold));
        assertEquals(1L, count("SELECT count(*) FROM billing.ledger_entries WHERE kind = 'refund' AND hold_id = $1"
                + " AND amount = 4", secondHold));
        assertEquals(1L, count("SELECT count(*) FROM billing.holds WHERE id = $1 AND status = 'captured'",
                earlierHold));
        assertEquals(0L, count("SELECT count(*) FROM billing.invariant_violations WHERE account_id = $1::uuid", account));
    }

    @Test
    void aRefundNamingTheCustomersRequestIdInsteadOfTheCallIdSettlesNothing() {
        String account = openAccount(20);
        String failedCall = newCallId();
        String earlierCall = newCallId();
        String failedHold = "summary:" + UUID.randomUUID();
        String earlierHold = "summary:" + UUID.randomUUID();
        // The customer chooses its request id: it may even look like a call id, here the failed call's.
        assertEquals(201, hold(earlierHold, account, 3, "live", earlierCall, failedCall));
        assertEquals(201, hold(failedHold, account, 2, "live", failedCall, "client-req-7"));
        send(producer, account, holdEvent("hold.captured", earlierHold, account, 3));
        send(producer, account, holdEvent("hold.captured", failedHold, account, 2));
        awaitAllCaptured(account);

        // Not even asked: a refund names only call ids of the gateway's shape.
        given().contentType(ContentType.JSON).body("{}")
                .post("/internal/v1/accounts/" + account + "/calls/client-req-7/refund")
                .then().statusCode(422).body("errors", hasKey("call_id"));
        assertEquals(15, available(account));

        JsonPath answer = refund(account, failedCall);

        assertEquals(1, answer.getLong("refunded"));
        assertEquals(2, answer.getLong("credits"));
        assertEquals(17, available(account));
        assertEquals(1L, count("SELECT count(*) FROM billing.holds WHERE id = $1 AND status = 'refunded'", failedHold));
        assertEquals(1L, count("SELECT count(*) FROM billing.holds WHERE id = $1 AND status = 'captured'", earlierHold));
        given().get("/internal/v1/accounts/" + account + "/usage?limit=10").then().statusCode(200)
                .body("data.find { it.id == '" + failedHold + "' }.request_id", equalTo("client-req-7"))
                .body("data.find { it.id == '" + failedHold + "' }.status", equalTo("refunded"));
    }

    @Test
    void pendingHoldIsVoidedAndALaterCaptureIsLate() {
        String account = openAccount(10);
        String call = newCallId();
        String holdId = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, account, 2, "live", call));

        JsonPath answer = refund(account, call);

        assertEquals(1, answer.getLong("voided"));
        assertEquals(0, answer.getLong("refunded"));
        assertEquals(2, answer.getLong("credits"));
        assertEquals(10, available(account));
        assertEquals(0, reserved(account));
        send(producer, account, holdEvent("hold.captured", holdId, account, 2));
        await().atMost(patience()).until(() -> count(
                "SELECT count(*) FROM billing.processed_events WHERE event_id = $1 AND outcome = 'late'",
                holdId + ":captured") == 1);
        assertEquals(10, available(account));
        assertEquals(0L, count("SELECT count(*) FROM billing.invariant_violations WHERE account_id = $1::uuid", account));
    }

    @Test
    void aRefundedCallShowsAsRefundedInTheUsageHistory() {
        String account = openAccount(10);
        String call = newCallId();
        capturedHold(account, call, 3);
        awaitAllCaptured(account);

        assertEquals(3, refund(account, call).getLong("credits"));

        assertEquals(10, available(account));
        given().get("/internal/v1/accounts/" + account + "/usage?limit=10")
                .then().statusCode(200).body("data[0].status", equalTo("refunded"));
    }

    @Test
    void testKeyHoldsMoveNothingAndUnknownCallsAreANoOp() {
        String account = openAccount(5);
        String call = newCallId();
        assertEquals(201, hold("summary:" + UUID.randomUUID(), account, 2, "test", call));

        JsonPath test = refund(account, call);

        assertEquals(1, test.getLong("voided"));
        assertEquals(0, test.getLong("credits"));
        assertEquals(5, available(account));
        assertNothingSettled(refund(account, newCallId()));
        assertNothingSettled(refund(UUID.randomUUID().toString(), newCallId()));
    }

    @Test
    void theReasonIsOptional() {
        String account = openAccount(5);
        String call = newCallId();
        assertEquals(201, hold("summary:" + UUID.randomUUID(), account, 2, "live", call));

        given().contentType(ContentType.JSON).body("{}")
                .post("/internal/v1/accounts/" + account + "/calls/" + call + "/refund")
                .then().statusCode(200).body("voided", equalTo(1)).body("credits", equalTo(2));
        assertEquals(1L, count("SELECT count(*) FROM billing.holds WHERE request_id = $1 AND reason = 'failed_to_client'",
                call));
    }

    @Test
    void malformedAccountCallOrReasonIsRefusedWith422() {
        String account = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body("{}")
                .post("/internal/v1/accounts/not-a-uuid/calls/" + newCallId() + "/refund")
                .then().statusCode(422).body("error_code", equalTo("invalid_request"))
                .body("errors", hasKey("account_id"));
        given().contentType(ContentType.JSON).body("{}")
                .post("/internal/v1/accounts/" + account + "/calls/" + "x".repeat(129) + "/refund")
                .then().statusCode(422).body("error_code", equalTo("invalid_request"))
                .body("errors", hasKey("call_id"));
        given().contentType(ContentType.JSON).body("{}")
                .post("/internal/v1/accounts/" + account + "/calls/bad!call/refund")
                .then().statusCode(422).body("errors", hasKey("call_id"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "Not Snake Case"))
                .post("/internal/v1/accounts/" + account + "/calls/" + newCallId() + "/refund")
                .then().statusCode(422).body("errors", hasKey("reason"));
    }
}

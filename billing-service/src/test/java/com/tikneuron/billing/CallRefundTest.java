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
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
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

    /** A hold request as a capability service sends it, answered with billing's status and body. */
    private static ValidatableResponse holdOfCall(String holdId, String accountId, long amount,
            String callId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("hold_id", holdId, "account_id", accountId, "amount", amount, "capability", "summary",
                        "video_id", "7354861484037524768", "request_id", callId, "mode", "live"))
                .post("/internal/v1/holds").then();
    }

    @Test
    void aHoldMadeAfterItsCallWasRefundedIsRefusedAndItsCaptureChargesNothing() {
        String account = openAccount(10);
        String call = newCallId();
        String holdId = "summary:" + UUID.randomUUID();

        // The caller gave up on the call while its capability call was still running: nothing to settle yet
        assertNothingSettled(refund(account, call));
        holdOfCall(holdId, account, 2, call).statusCode(409)
                .body("error_code", equalTo("call_refunded"));
        send(producer, account, holdEvent("hold.captured", holdId, account, 2));

        await().atMost(patience()).until(() -> count(
                "SELECT count(*) FROM billing.processed_events WHERE event_id = $1 AND outcome = 'unknown_hold'",
                holdId + ":captured") == 1);
        assertEquals(10, available(account));
        assertEquals(0, reserved(account));
        assertEquals(0L, count("SELECT count(*) FROM billing.holds WHERE id = $1", holdId));
        assertEquals(0L, count("SELECT count(*) FROM billing.ledger_entries WHERE account_id = $1::uuid"
                + " AND kind <> 'grant'", account));
        assertEquals(0L, count("SELECT count(*) FROM billing.invariant_violations WHERE account_id = $1::uuid", account));
    }

    @Test
    void aRefundedCallStaysRefusedWhenItsRefundIsRepeatedAndOtherCallsHoldAsBefore() {
        String account = openAccount(10);
        String call = newCallId();

        assertNothingSettled(refund(account, call));
        assertNothingSettled(refund(account, call));

        holdOfCall("summary:" + UUID.randomUUID(), account, 2, call).statusCode(409)
                .body("error_code", equalTo("call_refunded"));
        holdOfCall("summary:" + UUID.randomUUID(), account, 3, newCallId()).statusCode(201);
        assertEquals(7, available(account));
        assertEquals(3, reserved(account));
    }

    @Test
    void aRefundOfAnotherAccountsCallIdRefusesNoHoldOfTheAccountThatOwnsIt() {
        String owner = openAccount(10);
        String other = openAccount(10);
        String call = newCallId();

        assertNothingSettled(refund(other, call));

        holdOfCall("summary:" + UUID.randomUUID(), owner, 2, call).statusCode(201);
        assertEquals(8, available(owner));
    }

    @Test
    void aHoldReplayedAfterItsCallWasRefundedIsRefusedAndReservesNothingAgain() {
        String account = openAccount(10);
        String call = newCallId();
        String holdId = "summary:" + UUID.randomUUID();
        holdOfCall(holdId, account, 2, call).statusCode(201);

        assertEquals(1, refund(account, call).getLong("voided"));

        // The capability service retrying a hold whose first answer it never got
        holdOfCall(holdId, account, 2, call).statusCode(409).body("error_code", equalTo("call_refunded"));
        assertEquals(10, available(account));
        assertEquals(0, reserved(account));
        assertEquals(1L, count("SELECT count(*) FROM billing.holds WHERE id = $1 AND status = 'voided'", holdId));
    }

    @Test
    void aHoldAndARefundOfItsCallRacingEndWithNothingHeld() throws Exception {
        String account = openAccount(1000);
        int calls = 40;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String call = newCallId();
                String holdId = "summary:" + UUID.randomUUID();
                running.add(threads.submit(() -> holdOfCall(holdId, account, 1, call)
                        .statusCode(oneOf(201, 409))));
                running.add(threads.submit(() -> refund(account, call)));
            }
            for (var future : running) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }

        // Each hold was either made first and voided by its call's refund, or refused after it
        assertEquals(1000, available(account));
        assertEquals(0, reserved(account));
        assertEquals(0L, count("SELECT count(*) FROM billing.holds WHERE account_id = $1::uuid AND status = 'pending'",
                account));
    }

    /** A connection of its own, outside the service, to hold a transaction open across an HTTP call. */
    /**
     * Waits until another session of this database asks for an advisory lock it is not granted: the other side of
     * the call, blocked behind the transaction held open here. Without the lock it never waits, and this fails.
     */
    private static void awaitALockRequestWaiting(Connection observer) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (PreparedStatement waiting = observer.prepareStatement("SELECT count(*) FROM pg_locks l "
                    + "JOIN pg_database d ON d.oid = l.database WHERE d.datname = current_database() "
                    + "AND l.locktype = 'advisory' AND NOT l.granted");
                    ResultSet count = waiting.executeQuery()) {
                count.next();
                return count.getLong(1) > 0;
            }
        });
    }

    private static Connection openTransaction() throws SQLException {
        var config = ConfigProvider.getConfig();
        Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        connection.setAutoCommit(false);
        return connection;
    }

    @Test
    void aRefundWhileItsCallsHoldIsBeingMadeWaitsForItAndVoidsIt() throws Exception {
        String account = openAccount(10);
        String call = newCallId();
        try (Connection holding = openTransaction();
                PreparedStatement hold = holding.prepareStatement("SELECT outcome FROM billing.create_hold("
                        + "?, ?::uuid, 2, 'summary', NULL, ?, NULL, 'live', 900)")) {
            hold.setString(1, "summary:" + UUID.randomUUID());
            hold.setString(2, account);
            hold.setString(3, call);
            try (ResultSet made = hold.executeQuery()) {
                made.next();
                assertEquals("created", made.getString(1));
            }

            CompletableFuture<JsonPath> refunding = CompletableFuture.supplyAsync(() -> refund(account, call));
            awaitALockRequestWaiting(holding);
            assertFalse(refunding.isDone(), "the refund waits for the hold being made");
            holding.commit();

            assertEquals(1, refunding.get(10, TimeUnit.SECONDS).getLong("voided"));
        }
        assertEquals(10, available(account));
        assertEquals(0, reserved(account));
    }

    @Test
    void aHoldMadeWhileItsCallIsBeingRefundedWaitsForTheRefundAndIsRefused() throws Exception {
        String account = openAccount(10);
        String call = newCallId();
        try (Connection refunding = openTransaction();
                PreparedStatement refund = refunding.prepareStatement(
                        "SELECT count(*) FROM billing.refund_call(?::uuid, ?, 'failed_to_client', interval '30 minutes')")) {
            refund.setString(1, account);
            refund.setString(2, call);
            refund.executeQuery().close();

            CompletableFuture<Integer> holding = CompletableFuture.supplyAsync(() -> holdOfCall(
                    "summary:" + UUID.randomUUID(), account, 2, call).extract().statusCode());
            awaitALockRequestWaiting(refunding);
            assertFalse(holding.isDone(), "the hold waits for the refund of its call");
            refunding.commit();

            assertEquals(409, holding.get(10, TimeUnit.SECONDS));
        }
        assertEquals(10, available(account));
        assertEquals(0, reserved(account));
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

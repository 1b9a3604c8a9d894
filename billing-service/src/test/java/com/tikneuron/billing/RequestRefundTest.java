package com.tikneuron.billing;

import static com.tikneuron.billing.BillingTestSupport.available;
import static com.tikneuron.billing.BillingTestSupport.hold;
import static com.tikneuron.billing.BillingTestSupport.holdEvent;
import static com.tikneuron.billing.BillingTestSupport.openAccount;
import static com.tikneuron.billing.BillingTestSupport.patience;
import static com.tikneuron.billing.BillingTestSupport.producer;
import static com.tikneuron.billing.BillingTestSupport.reserved;
import static com.tikneuron.billing.BillingTestSupport.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A request its caller was told failed is never charged: its holds are voided or refunded, once. */
@QuarkusTest
class RequestRefundTest {

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

    private static JsonPath refund(String requestId) {
        return given().contentType(ContentType.JSON).body(Map.of("reason", "failed_to_client"))
                .post("/internal/v1/requests/" + requestId + "/refund")
                .then().statusCode(200).extract().jsonPath();
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(List.of(params))).await().indefinitely()
                .iterator().next().getLong(0);
    }

    @Test
    void pendingHoldIsVoidedAndALaterCaptureIsLate() {
        String account = openAccount(10);
        String holdId = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, account, 2, "live"));

        JsonPath answer = refund("req-" + holdId);

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
    void capturedHoldIsRefundedOnceByANewLedgerEntry() {
        String account = openAccount(10);
        String holdId = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, account, 3, "live"));
        send(producer, account, holdEvent("hold.captured", holdId, account, 3));
        await().atMost(patience()).until(() -> reserved(account) == 0 && available(account) == 7);

        JsonPath first = refund("req-" + holdId);
        JsonPath again = refund("req-" + holdId);

        assertEquals(1, first.getLong("refunded"));
        assertEquals(3, first.getLong("credits"));
        assertEquals(0, again.getLong("refunded") + again.getLong("voided"));
        assertEquals(10, available(account));
        assertEquals(1L, count("SELECT count(*) FROM billing.ledger_entries WHERE account_id = $1::uuid AND kind = 'refund'"
                + " AND hold_id = $2 AND amount = 3", account, holdId));
        assertEquals(0L, count("SELECT count(*) FROM billing.invariant_violations WHERE account_id = $1::uuid", account));
        String usageStatus = given().get("/internal/v1/accounts/" + account + "/usage?limit=10")
                .then().statusCode(200).extract().path("data[0].status");
        assertEquals("refunded", usageStatus);
    }

    @Test
    void testKeyHoldsMoveNothingAndUnknownRequestsAreANoOp() {
        String account = openAccount(5);
        String holdId = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, account, 2, "test"));

        JsonPath test = refund("req-" + holdId);
        JsonPath unknown = refund("req-never-sent-" + UUID.randomUUID());

        assertEquals(1, test.getLong("voided"));
        assertEquals(0, test.getLong("credits"));
        assertEquals(5, available(account));
        assertEquals(0, unknown.getLong("voided") + unknown.getLong("refunded"));
    }

    @Test
    void malformedRequestIdIsRefusedWith422() {
        given().contentType(ContentType.JSON).body("{}")
                .post("/internal/v1/requests/" + "x".repeat(200) + "/refund")
                .then().statusCode(422);
    }
}

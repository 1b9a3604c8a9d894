package com.tikneuron.billing;

import static com.tikneuron.billing.BillingTestSupport.available;
import static com.tikneuron.billing.BillingTestSupport.hold;
import static com.tikneuron.billing.BillingTestSupport.openAccount;
import static com.tikneuron.billing.BillingTestSupport.reserved;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class HoldApiTest {

    @Test
    void theSameHoldTwiceReservesOnceAndAnswersTheSame() {
        String account = openAccount(10);
        String holdId = "summary:" + UUID.randomUUID();
        Map<String, Object> body = Map.of("hold_id", holdId, "account_id", account, "amount", 2,
                "capability", "summary", "video_id", "7354861484037524768");

        String first = given().contentType(ContentType.JSON).body(body).post("/internal/v1/holds")
                .then().statusCode(201)
                .body("status", equalTo("pending"))
                .body("credits", equalTo(8))
                .body("reserved", equalTo(2))
                .body("expires_at", notNullValue())
                .extract().path("expires_at");
        given().contentType(ContentType.JSON).body(body).post("/internal/v1/holds")
                .then().statusCode(200)
                .body("hold_id", equalTo(holdId))
                .body("status", equalTo("pending"))
                .body("expires_at", equalTo(first));

        assertEquals(8, available(account));
        assertEquals(2, reserved(account));
    }

    @Test
    void aHoldIdReusedWithOtherParametersIsAConflict() {
        String account = openAccount(10);
        String holdId = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, account, 2, "live"));
        given().contentType(ContentType.JSON)
                .body(Map.of("hold_id", holdId, "account_id", account, "amount", 3, "capability", "summary"))
                .post("/internal/v1/holds")
                .then().statusCode(409).body("error_code", equalTo("hold_conflict"));
        assertEquals(8, available(account));
    }

    @Test
    void notEnoughCreditsIsRefusedWithTheContractBodyAndReservesNothing() {
        String account = openAccount(1);
        given().contentType(ContentType.JSON).header("X-Request-Id", "req-poor")
                .body(Map.of("hold_id", "diar:" + UUID.randomUUID(), "account_id", account, "amount", 10,
                        "capability", "diarization"))
                .post("/internal/v1/holds")
                .then().statusCode(402)
                .body("error_code", equalTo("insufficient_credits"))
                .body("message", equalTo("Insufficient credits"))
                .body("request_id", equalTo("req-poor"));
        assertEquals(1, available(account));
        assertEquals(0, reserved(account));
    }

    @Test
    void testModeHoldsNeverMoveTheBalance() {
        String account = openAccount(3);
        assertEquals(201, hold("test:" + UUID.randomUUID(), account, 2, "test"));
        assertEquals(201, hold("test:" + UUID.randomUUID(), account, 2, "test"));
        assertEquals(3, available(account));
        assertEquals(0, reserved(account));
    }

    @Test
    void anUnknownAccountIsNotFound() {
        assertEquals(404, hold("summary:" + UUID.randomUUID(), UUID.randomUUID().toString(), 2, "live"));
        given().get("/internal/v1/accounts/" + UUID.randomUUID() + "/balance").then().statusCode(404)
                .body("error_code", equalTo("account_not_found"));
        given().get("/internal/v1/accounts/not-a-uuid/balance").then().statusCode(404);
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        given().contentType(ContentType.JSON)
                .body(Map.of("hold_id", "bad id with spaces", "account_id", "nope", "amount", 0,
                        "capability", "karaoke", "mode", "free"))
                .post("/internal/v1/holds")
                .then().statusCode(422)
                .body("error_code", equalTo("invalid_request"))
                .body("errors", hasKey("hold_id"))
                .body("errors", hasKey("account_id"))
                .body("errors", hasKey("amount"))
                .body("errors", hasKey("capability"))
                .body("errors", hasKey("mode"));
    }

    @Test
    void aReplayWithAnotherCorrelationIdIsStillAReplayAndKeepsTheFirst() {
        String account = openAccount(10);
        String holdId = "summary:" + UUID.randomUUID();
        String callId = BillingTestSupport.newCallId();
        assertEquals(201, hold(holdId, account, 2, "live", callId, "first-request"));
        assertEquals(200, hold(holdId, account, 2, "live", callId, "second-request"));

        assertEquals(8, available(account));
        given().get("/internal/v1/accounts/" + account + "/usage").then().statusCode(200)
                .body("data.request_id", contains("first-request"));
    }

    @Test
    void aMalformedCorrelationIdIsRefused() {
        String account = openAccount(10);
        for (String correlationId : new String[] { "", "has spaces", "x".repeat(129), "line\nbreak" }) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("hold_id", "summary:" + UUID.randomUUID(), "account_id", account, "amount", 1,
                            "capability", "summary", "request_id", BillingTestSupport.newCallId(),
                            "correlation_id", correlationId))
                    .post("/internal/v1/holds")
                    .then().statusCode(422)
                    .body("error_code", equalTo("invalid_request"))
                    .body("errors", hasKey("correlation_id"));
        }
        assertEquals(10, available(account));
    }

    @Test
    void malformedBodiesAreClientErrorsNeverServerErrors() {
        for (String body : new String[] { "{", "[]", "\"text\"", "{\"amount\":\"many\"}", "null", "{\"amount\":1e400}" }) {
            int status = given().contentType(ContentType.JSON).body(body).post("/internal/v1/holds")
                    .then().extract().statusCode();
            org.junit.jupiter.api.Assertions.assertTrue(status >= 400 && status < 500, body + " gave " + status);
        }
    }
}

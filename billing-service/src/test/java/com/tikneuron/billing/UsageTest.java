package com.tikneuron.billing;

import static com.tikneuron.billing.BillingTestSupport.hold;
import static com.tikneuron.billing.BillingTestSupport.holdEvent;
import static com.tikneuron.billing.BillingTestSupport.newCallId;
import static com.tikneuron.billing.BillingTestSupport.now;
import static com.tikneuron.billing.BillingTestSupport.openAccount;
import static com.tikneuron.billing.BillingTestSupport.patience;
import static com.tikneuron.billing.BillingTestSupport.reserved;
import static com.tikneuron.billing.BillingTestSupport.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class UsageTest {

    @Test
    void usageListsChargedRefundedPendingAndFreeCachedRequestsNewestFirstInPages() {
        String account = openAccount(10);
        String charged = "summary:" + UUID.randomUUID();
        String refunded = "summary:" + UUID.randomUUID();
        String pending = "summary:" + UUID.randomUUID();
        String cached = "cached:" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = BillingTestSupport.producer()) {
            assertEquals(201, hold(charged, account, 2, "live"));
            send(producer, account, holdEvent("hold.captured", charged, account, 2));
            assertEquals(201, hold(refunded, account, 2, "live"));
            send(producer, account, holdEvent("hold.voided", refunded, account, 2));
            send(producer, account, """
                    {"event_id":"%s","type":"usage.cached","version":1,"account_id":"%s","amount":0,
                     "capability":"subtitle","video_id":"7354861484037524768","request_id":"req-cached",
                     "mode":"live","occurred_at":"%s"}
                    """.formatted(cached, account, now()));
        }
        await().atMost(patience()).until(() -> given().get("/internal/v1/accounts/" + account + "/usage")
                .then().extract().jsonPath().getList("data").size() == 3);
        assertEquals(201, hold(pending, account, 2, "live"));

        given().get("/internal/v1/accounts/" + account + "/usage?limit=10").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("has_more", equalTo(false))
                .body("data.id", contains(pending, cached, refunded, charged))
                .body("data.status", contains("pending", "free-cached", "refunded", "charged"))
                .body("data.credits", contains(2, 0, 0, 2))
                .body("data[1].capability", equalTo("subtitle"))
                .body("data[1].request_id", equalTo("req-cached"));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        boolean more = true;
        while (more) {
            JsonPath page = given().queryParam("limit", 3)
                    .queryParams(cursor == null ? java.util.Map.of() : java.util.Map.of("starting_after", cursor))
                    .get("/internal/v1/accounts/" + account + "/usage").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("data.id");
            paged.addAll(ids);
            more = page.getBoolean("has_more");
            cursor = ids.get(ids.size() - 1);
        }
        assertEquals(List.of(pending, cached, refunded, charged), paged);
    }

    @Test
    void usageShowsTheRequestIdTheCustomerKnowsNotTheCallIdThatKeysTheHold() {
        String account = openAccount(10);
        String known = "summary:" + UUID.randomUUID();
        String older = "summary:" + UUID.randomUUID();
        String cached = "cached:" + UUID.randomUUID();
        String badlyCorrelated = "cached:" + UUID.randomUUID();
        String knownCall = newCallId();
        String olderCall = newCallId();
        String cachedCall = newCallId();
        String badlyCorrelatedCall = newCallId();
        try (KafkaProducer<String, String> producer = BillingTestSupport.producer()) {
            assertEquals(201, hold(older, account, 2, "live", olderCall));
            assertEquals(201, hold(known, account, 2, "live", knownCall, "client-req-42"));
            send(producer, account, holdEvent("hold.captured", known, account, 2)
                    .replace("\"reason\"", "\"request_id\":\"" + knownCall + "\",\"correlation_id\":\"client-req-42\",\"reason\""));
            send(producer, account, cachedUse(cached, account, cachedCall, "\"req_0123456789abcdef\""));
            // Malformed: dropped, never a reason to refuse the event.
            send(producer, account, cachedUse(badlyCorrelated, account, badlyCorrelatedCall, "\"no spaces allowed\""));
        }
        await().atMost(patience()).until(() -> given().get("/internal/v1/accounts/" + account + "/usage")
                .then().extract().jsonPath().getList("data").size() == 4 && reserved(account) == 2);

        JsonPath usage = given().get("/internal/v1/accounts/" + account + "/usage?limit=10").then().statusCode(200)
                .extract().jsonPath();
        Map<String, String> shown = new HashMap<>();
        Map<String, String> statuses = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            shown.put(usage.getString("data[" + i + "].id"), usage.getString("data[" + i + "].request_id"));
            statuses.put(usage.getString("data[" + i + "].id"), usage.getString("data[" + i + "].status"));
        }
        assertEquals("client-req-42", shown.get(known));
        assertEquals("charged", statuses.get(known));
        assertEquals("req_0123456789abcdef", shown.get(cached));
        // No correlation id stored (older rows, older callers, a malformed one): the call id, as before.
        assertEquals(olderCall, shown.get(older));
        assertEquals("pending", statuses.get(older));
        assertEquals(badlyCorrelatedCall, shown.get(badlyCorrelated));
        assertEquals("free-cached", statuses.get(badlyCorrelated));
    }

    private static String cachedUse(String eventId, String account, String callId, String correlationJson) {
        return """
                {"event_id":"%s","type":"usage.cached","version":1,"account_id":"%s","amount":0,
                 "capability":"subtitle","video_id":"7354861484037524768","request_id":"%s","correlation_id":%s,
                 "mode":"live","occurred_at":"%s"}
                """.formatted(eventId, account, callId, correlationJson, now());
    }

    @Test
    void badLimitsAndUnknownCursorsAreRefused() {
        String account = openAccount(1);
        given().get("/internal/v1/accounts/" + account + "/usage?limit=0").then().statusCode(422);
        given().get("/internal/v1/accounts/" + account + "/usage?limit=101").then().statusCode(422);
        given().get("/internal/v1/accounts/" + account + "/usage?starting_after=nope").then().statusCode(422)
                .body("error_code", equalTo("invalid_request"));
    }
}

package com.tikneuron.subtitle.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.tikneuron.platform.CallIds;
import com.tikneuron.subtitle.support.StandInResource;
import com.tikneuron.subtitle.support.Stubs;
import com.tikneuron.testsupport.Settlements;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Holds and settlements are keyed by the gateway's call id (X-Call-Id), never by anything the client chose: the
 * client's X-Request-Id only correlates logs and answers, and goes with the hold and settlements as their
 * correlation_id so the customer's usage history names the call as the customer knows it.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class CallIdTest {

    private static final String CALL_ID = "call_[0-9a-f]{32}";

    private static Settlements events;

    @BeforeAll
    static void openEvents() {
        events = new Settlements();
    }

    @AfterAll
    static void closeEvents() {
        events.close();
    }

    /** A video nobody asked for yet (the stand-in's generated ids), so the call misses the cache and makes a hold. */
    private static String freshVideo() {
        return "7399" + String.format("%015d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));
    }

    private static RequestSpecification call(String account) {
        return call(account, freshVideo());
    }

    private static RequestSpecification call(String account, String video) {
        return given().contentType(ContentType.JSON).header("X-Account-Id", account).header("X-Key-Mode", "live")
                .body(Map.of("url", "https://www.tiktok.com/@loadtest/video/" + video, "format", "txt"));
    }

    private static JsonNode only(String account, String type) {
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> events.count(account, type) >= 1);
        List<JsonNode> found = events.values(account).stream().filter(e -> e.path("type").asText().equals(type))
                .toList();
        assertEquals(1, found.size());
        return found.get(0);
    }

    private static JsonNode captured(String account) {
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> events.count(account, "hold.captured") >= 1);
        return events.values(account).stream().filter(e -> e.path("type").asText().equals("hold.captured"))
                .findFirst().orElseThrow();
    }

    private static String holdRequestId(String account) {
        List<Map<String, Object>> holds = Stubs.holds(account);
        assertEquals(1, holds.size());
        return (String) holds.get(0).get("request_id");
    }

    @Test
    void theGatewaysCallIdKeysTheHoldAndTheSettlementWhileTheRequestIdOnlyCorrelates() {
        String account = Stubs.account(10);
        String callId = CallIds.create();
        call(account).header("X-Request-Id", "x1").header("X-Call-Id", callId)
                .post("/api/v1/tiktok/subtitle").then()
                .statusCode(200).header("X-Credits-Charged", "1").header("X-Request-Id", "x1");

        assertEquals(callId, holdRequestId(account));
        assertEquals(callId, captured(account).path("request_id").asText());
    }

    @Test
    void theHoldAndItsSettlementCarryTheClientsRequestIdAsCorrelationIdBesideTheCallId() {
        String account = Stubs.account(10);
        String callId = CallIds.create();
        call(account).header("X-Request-Id", "client-req:7.a_b-c").header("X-Call-Id", callId)
                .post("/api/v1/tiktok/subtitle").then()
                .statusCode(200).header("X-Credits-Charged", "1").header("X-Request-Id", "client-req:7.a_b-c");

        List<Map<String, Object>> holds = Stubs.holds(account);
        assertEquals(1, holds.size());
        assertEquals(callId, holds.get(0).get("request_id"));
        assertEquals("client-req:7.a_b-c", holds.get(0).get("correlation_id"));
        JsonNode captured = only(account, "hold.captured");
        assertEquals(callId, captured.path("request_id").asText());
        assertEquals("client-req:7.a_b-c", captured.path("correlation_id").asText());
    }

    @Test
    void aCachedAnswerCarriesTheRequestIdTheGatewayMadeWhenTheClientSentNone() {
        String video = freshVideo();
        call(Stubs.account(10), video).header("X-Call-Id", CallIds.create()).post("/api/v1/tiktok/subtitle").then()
                .statusCode(200).header("X-Credits-Charged", "1");
        String account = Stubs.account(10);
        String callId = CallIds.create();

        String echoed = call(account, video).header("X-Call-Id", callId).post("/api/v1/tiktok/subtitle").then()
                .statusCode(200).header("X-Credits-Charged", "0").extract().header("X-Request-Id");

        assertTrue(echoed.matches("req_[0-9a-f]{32}"), echoed);
        JsonNode cached = only(account, "usage.cached");
        assertEquals(callId, cached.path("request_id").asText());
        assertEquals(echoed, cached.path("correlation_id").asText());
        assertTrue(Stubs.holds(account).isEmpty());
    }

    @Test
    void withoutAWellFormedCallIdTheServiceNamesTheCallItselfAndNeverUsesTheClientsId() {
        // Absent, the client's own id, and near misses of the gateway's shape (case, length, prefix, alphabet).
        List<String> refused = List.of("", "x1", "call_", "call_0123456789ABCDEF0123456789ABCDEF",
                "call_0123456789abcdef0123456789abcde", "call_0123456789abcdef0123456789abcdef0",
                "req_0123456789abcdef0123456789abcdef", "call_0123456789abcdefg123456789abcdef");
        Set<String> named = new HashSet<>();
        for (String sent : refused) {
            String account = Stubs.account(10);
            RequestSpecification request = call(account).header("X-Request-Id", "x1");
            if (!sent.isEmpty()) {
                request.header("X-Call-Id", sent);
            }
            request.post("/api/v1/tiktok/subtitle").then().statusCode(200).header("X-Request-Id", "x1");

            String held = holdRequestId(account);
            assertTrue(held.matches(CALL_ID), "the service's own call id, not " + held);
            assertNotEquals("x1", held);
            assertNotEquals(sent, held);
            assertEquals(held, captured(account).path("request_id").asText());
            named.add(held);
        }
        assertEquals(refused.size(), named.size(), "every call got an id of its own");
    }
}

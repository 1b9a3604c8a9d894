package com.tikneuron.subtitle.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.tikneuron.paid.Caller;
import com.tikneuron.paid.PaidCapability;
import com.tikneuron.paid.billing.Hold;
import com.tikneuron.paid.messaging.SettlementProducer;
import com.tikneuron.subtitle.support.CacheRows;
import com.tikneuron.subtitle.support.StandInResource;
import com.tikneuron.subtitle.support.Stubs;
import com.tikneuron.testsupport.Settlements;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;

/**
 * A subtitle whose capture the broker did not acknowledge: the customer is told 503 and nothing is charged, the hold is
 * voided, and the track, already stored, is free on the next call. Real PostgreSQL and Kafka (the voids and cached uses
 * really go out); only the capture is made to fail.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class UnacknowledgedCaptureTest {

    private static final String CREATOR = "7372496949768752439";

    private static Settlements events;

    @Inject
    SettlementProducer producer;

    @Inject
    MeterRegistry meters;

    @BeforeAll
    static void openEvents() {
        events = new Settlements();
    }

    @AfterAll
    static void closeEvents() {
        events.close();
    }

    @Test
    void aCaptureTheBrokerDidNotAcknowledgeIsA503AndVoidsAndTheRetryIsFree() {
        SettlementProducer real = ClientProxy.unwrap(producer);
        QuarkusMock.installMockForType(new SettlementProducer(null, null, null, meters) {
            @Override
            public Uni<Void> captured(String capability, Hold hold, String videoId, Caller caller) {
                return Uni.createFrom().failure(new IllegalStateException("not acknowledged"));
            }

            @Override
            public Uni<Void> voided(String capability, Hold hold, String videoId, Caller caller, String reason) {
                return real.voided(capability, hold, videoId, caller, reason);
            }

            @Override
            public void cachedUse(String capability, String videoId, Caller caller) {
                real.cachedUse(capability, videoId, caller);
            }
        }, SettlementProducer.class);
        CacheRows.forget(CREATOR);
        String account = Stubs.account(5);

        post(account).then()
                .statusCode(503)
                .header("X-Credits-Charged", "0")
                .header("X-Credits-Remaining", "4")
                .body("error_code", equalTo("service_unavailable"))
                .body("message", equalTo(PaidCapability.CAPTURE_NOT_RECORDED));

        List<Map<String, Object>> holds = Stubs.holds(account);
        assertEquals(1, holds.size());
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> events.count(account, "hold.voided") == 1);
        JsonNode voided = events.values(account).stream()
                .filter(event -> event.path("type").asText().equals("hold.voided")).findFirst().orElseThrow();
        assertEquals(holds.get(0).get("hold_id") + ":voided", voided.path("event_id").asText());
        assertEquals(PaidCapability.CAPTURE_NOT_RECORDED, voided.path("reason").asText());
        assertEquals(0, events.count(account, "hold.captured"));

        post(account).then()
                .statusCode(200)
                .header("X-Credits-Charged", "0")
                .body("cached", is(true));
        assertEquals(1, Stubs.holds(account).size(), "the retry was answered from the stored track without a hold");
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> events.count(account, "usage.cached") == 1);
    }

    private static io.restassured.response.Response post(String account) {
        return given().contentType(ContentType.JSON)
                .header("X-Account-Id", account).header("X-Key-Mode", "live").header("X-Request-Id", "req-capture-1")
                .body(Map.of("url", "https://www.tiktok.com/@someone/video/" + CREATOR, "format", "txt"))
                .post("/api/v1/tiktok/subtitle");
    }
}

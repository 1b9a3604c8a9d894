package com.tikneuron.gateway.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.OwnRedis;
import com.tikneuron.gateway.testing.Seed;
import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Redis killed under the gateway and started again: plain requests go on within this replica's share of the limit
 * (never a 5xx), Idempotency-Key requests get 503 and reach no service, and shared state comes back by itself.
 */
@QuarkusTest
@TestProfile(SharedStateOutageTest.TwoReplicas.class)
@QuarkusTestResource(Downstream.class)
@QuarkusTestResource(OwnRedis.class)
class SharedStateOutageTest {

    private static final String PATH = "/api/v1/tiktok/subtitle";
    private static final String KEY = "tn_live_outage_0001";
    // Idempotent requests of their own key: the plain ones spend KEY's share of the limit.
    private static final String IDEMPOTENT_KEY = "tn_live_outage_0002";

    /** 20 requests a minute and a burst of 20, for a deployment of two replicas. */
    public static class TwoReplicas implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            for (String prefix : new String[] { "", "%test." }) {
                config.put(prefix + "tikneuron.gateway.rate-limit.requests-per-minute", "20");
                config.put(prefix + "tikneuron.gateway.rate-limit.burst", "20");
            }
            config.put("tikneuron.gateway.shared-state.replicas", "2");
            config.put("tikneuron.gateway.shared-state.probe-interval", "200ms");
            return config;
        }
    }

    @Test
    void plainRequestsFallBackToTheReplicasShareIdempotentOnesGet503AndSharedStateComesBack() {
        Downstream.resetAll();
        BillingStandIn billing = Downstream.billing();
        billing.activeKey(KEY);
        billing.activeKey(IDEMPOTENT_KEY);
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE)
                .withHeader("X-Credits-Charged", "1").withHeader("X-Credits-Remaining", "41"));

        HttpResponse<String> shared = post(null);
        assertEquals(200, shared.statusCode());
        assertEquals("20", shared.headers().firstValue("X-RateLimit-Limit").orElseThrow());
        assertEquals(200, post("outage-before").statusCode());
        assertEquals("true", post("outage-before").headers().firstValue("Idempotent-Replayed").orElseThrow());
        assertTrue(metrics().contains("tikneuron_gateway_shared_state_up 1.0"), "up before the outage");

        OwnRedis.kill();
        int accepted = 0;
        int limited = 0;
        for (int i = 0; i < 15; i++) {
            HttpResponse<String> plain = post(null);
            assertTrue(plain.statusCode() == 200 || plain.statusCode() == 429,
                    "no 5xx on plain requests while Redis is down: " + plain.statusCode() + " " + plain.body());
            if (plain.statusCode() == 200) {
                accepted++;
                assertEquals("10", plain.headers().firstValue("X-RateLimit-Limit").orElseThrow(),
                        "this replica's share: the burst of 20 over 2 replicas");
            } else {
                limited++;
            }
        }
        assertEquals(10, accepted, "the replica's own bucket holds half the burst");
        assertEquals(5, limited);
        long forwardedBefore = Downstream.subtitle().received(PATH).stream()
                .filter(request -> "outage-during".equals(request.header("Idempotency-Key"))).count();
        HttpResponse<String> idempotent = post("outage-during");
        assertEquals(503, idempotent.statusCode());
        assertEquals("{\"error_code\":\"service_unavailable\",\"message\":\"The idempotency store is temporarily "
                + "unavailable. Please retry later.\",\"request_id\":\"" + Http.requestId(idempotent) + "\"}",
                idempotent.body());
        assertEquals(forwardedBefore, Downstream.subtitle().received(PATH).stream()
                .filter(request -> "outage-during".equals(request.header("Idempotency-Key"))).count(),
                "a request that may not be deduplicated is not run");
        assertTrue(metrics().contains("tikneuron_gateway_shared_state_up 0.0"), "the gauge the alert watches");

        OwnRedis.startServer();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> post("outage-after").statusCode() == 200);
        HttpResponse<String> back = post(null);
        assertEquals("20", back.headers().firstValue("X-RateLimit-Limit").orElseThrow(), "shared limits again");
        assertEquals("true", post("outage-after").headers().firstValue("Idempotent-Replayed").orElseThrow());
        assertEquals(1, Downstream.subtitle().received(PATH).stream()
                .filter(request -> "outage-after".equals(request.header("Idempotency-Key"))).count());
        assertTrue(metrics().contains("tikneuron_gateway_shared_state_up 1.0"));
    }

    private static String metrics() {
        return Http.getManagement("/q/metrics").body();
    }

    private static HttpResponse<String> post(String idempotencyKey) {
        return idempotencyKey == null
                ? Http.post(PATH, Seed.CURL_SUBTITLE, "Content-Type", "application/json", "API-KEY", KEY)
                : Http.post(PATH, Seed.CURL_SUBTITLE, "Content-Type", "application/json", "API-KEY", IDEMPOTENT_KEY,
                        "Idempotency-Key", idempotencyKey);
    }
}

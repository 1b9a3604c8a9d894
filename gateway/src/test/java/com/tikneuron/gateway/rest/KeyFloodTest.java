package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.LoopbackClient;
import com.tikneuron.gateway.testing.Seed;
import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A flood of distinct bad keys is shed by the lookup budget instead of reaching billing, and each shed lookup
 * counts against the flooding address as a refused key would; cached keys keep working.
 */
@QuarkusTest
@TestProfile(KeyFloodTest.SmallLookupBudget.class)
@QuarkusTestResource(Downstream.class)
class KeyFloodTest {

    private static final int BUDGET_PER_SECOND = 3;
    private static final int FLOOD = 60;
    private static final int REFUSALS_PER_MINUTE = 20;

    // Relative to the management root (/q): the port differs from the API port and is picked at random.
    @TestHTTPResource(value = "metrics", management = true)
    URI metrics;

    /** Three billing lookups per second (one of them kept for keys seen valid), 20 refused keys per address and minute. */
    public static class SmallLookupBudget implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tikneuron.gateway.key-cache.max-lookups-per-second", Integer.toString(BUDGET_PER_SECOND),
                    "%test.tikneuron.gateway.key-cache.max-lookups-per-second", Integer.toString(BUDGET_PER_SECOND),
                    "tikneuron.gateway.key-cache.reserved-lookups-per-second", "1",
                    "%test.tikneuron.gateway.key-cache.reserved-lookups-per-second", "1",
                    "tikneuron.gateway.auth-failures.per-minute", Integer.toString(REFUSALS_PER_MINUTE),
                    "%test.tikneuron.gateway.auth-failures.per-minute", Integer.toString(REFUSALS_PER_MINUTE));
        }
    }

    @Test
    void distinctBadKeysAreShedOnceTheLookupBudgetIsSpent() {
        Downstream.resetAll();
        BillingStandIn billing = Downstream.billing();
        String known = "tn_live_key_flood_known_0001";
        billing.activeKey(known);
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));
        assertEquals(200, subtitle(known).statusCode());

        LoopbackClient flooder = new LoopbackClient("127.0.25.1");
        long start = System.nanoTime();
        int shed = 0;
        for (int i = 0; i < FLOOD; i++) {
            HttpResponse<String> response = flooder.subtitle("tn_live_flood_" + i);
            if (response.statusCode() == 503) {
                shed++;
                assertEquals("{\"error_code\":\"service_unavailable\",\"message\":\"The billing-service is temporarily "
                        + "unavailable. Please retry later.\",\"request_id\":\"" + Http.requestId(response) + "\"}",
                        response.body());
            } else {
                assertTrue(response.statusCode() == 401 || response.statusCode() == 429, response.toString());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        long lookups = Downstream.billing().received().size();
        long allowed = 1 + BUDGET_PER_SECOND + (long) Math.ceil(BUDGET_PER_SECOND * seconds);
        assertTrue(lookups <= allowed, lookups + " lookups reached billing in " + seconds + " s");
        assertTrue(shed > 0);
        assertEquals(200, subtitle(known).statusCode(), "a cached key is not affected by the flood");
        String meters = Http.send(HttpRequest.newBuilder(metrics).GET().build()).body();
        assertTrue(meters.contains("tikneuron_gateway_key_lookups_shed_total"), meters);
    }

    @Test
    void aShedLookupCountsAgainstTheAddressLikeARefusedKey() {
        Downstream.resetAll();
        Downstream.billing();
        LoopbackClient guesser = new LoopbackClient("127.0.25.2");
        Map<Integer, Integer> statuses = new TreeMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < FLOOD; i++) {
            statuses.merge(guesser.subtitle("tn_live_shed_" + i).statusCode(), 1, Integer::sum);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        int refused = statuses.getOrDefault(401, 0) + statuses.getOrDefault(503, 0);
        assertTrue(statuses.getOrDefault(503, 0) > 0, "the budget was spent: " + statuses);
        assertTrue(refused <= REFUSALS_PER_MINUTE + Math.ceil(REFUSALS_PER_MINUTE * seconds / 60),
                refused + " refused or shed in " + seconds + " s: " + statuses);
        assertEquals(FLOOD, refused + statuses.getOrDefault(429, 0), statuses.toString());
    }

    private static HttpResponse<String> subtitle(String key) {
        return Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE, "Content-Type", "application/json",
                "API-KEY", key);
    }
}

package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeBilling;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.Seed;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A flood of distinct bad keys is shed by the lookup budget instead of reaching billing; cached keys keep working. */
@QuarkusTest
@TestProfile(KeyFloodTest.SmallLookupBudget.class)
@QuarkusTestResource(Downstream.class)
class KeyFloodTest {

    private static final int BUDGET_PER_SECOND = 3;
    private static final int FLOOD = 60;

    /** Three billing lookups per second. */
    public static class SmallLookupBudget implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tikneuron.gateway.key-cache.max-lookups-per-second", Integer.toString(BUDGET_PER_SECOND),
                    "%test.tikneuron.gateway.key-cache.max-lookups-per-second", Integer.toString(BUDGET_PER_SECOND));
        }
    }

    @Test
    void distinctBadKeysAreShedOnceTheLookupBudgetIsSpent() {
        Downstream.resetAll();
        FakeBilling billing = FakeBilling.install();
        String known = "tn_live_key_flood_known_0001";
        billing.activeKey(known);
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));
        assertEquals(200, subtitle(known).statusCode());

        long start = System.nanoTime();
        int shed = 0;
        for (int i = 0; i < FLOOD; i++) {
            HttpResponse<String> response = subtitle("tn_live_flood_" + i);
            if (response.statusCode() == 503) {
                shed++;
                assertEquals("{\"error_code\":\"service_unavailable\",\"message\":\"The billing-service is temporarily "
                        + "unavailable. Please retry later.\",\"request_id\":\"" + Http.requestId(response) + "\"}",
                        response.body());
            } else {
                assertEquals(401, response.statusCode());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        long lookups = Downstream.billing().received().size();
        long allowed = 1 + BUDGET_PER_SECOND + (long) Math.ceil(BUDGET_PER_SECOND * seconds);
        assertTrue(lookups <= allowed, lookups + " lookups reached billing in " + seconds + " s");
        assertTrue(shed > 0);
        assertEquals(200, subtitle(known).statusCode(), "a cached key is not affected by the flood");
        assertTrue(Http.get("/q/metrics").body().contains("tikneuron_gateway_key_lookups_shed_total"));
    }

    private static HttpResponse<String> subtitle(String key) {
        return Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE, "Content-Type", "application/json",
                "API-KEY", key);
    }
}

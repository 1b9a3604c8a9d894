package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.Seed;
import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Keys are resolved in billing by digest, cached, and a flood of bad keys stays in the gateway. */
@QuarkusTest
@QuarkusTestResource(Downstream.class)
class AuthenticationTest {

    private BillingStandIn billing;

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        billing = Downstream.billing();
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));
    }

    @Test
    void keyIsLookedUpByItsSha256DigestOnceForManyRequests() {
        String key = "tn_live_cached_lookup_0001";
        billing.activeKey(key);

        for (int i = 0; i < 20; i++) {
            assertEquals(200, subtitle(key).statusCode());
        }

        assertEquals(1, billing.keyLookups(key));
        assertEquals("/internal/v1/keys/" + BillingStandIn.digest(key), Downstream.billing().received().get(0).path());
    }

    @Test
    void floodOfOneUnknownKeyReachesBillingOnce() {
        String key = "tn_live_flood_of_bad_key_0001";

        for (int i = 0; i < 50; i++) {
            assertEquals(401, subtitle(key).statusCode());
        }

        assertEquals(1, billing.keyLookups(key));
    }

    @Test
    void billingDownIsA503NotA401AndIsNotRemembered() {
        String key = "tn_live_billing_down_0001";
        billing.activeKey(key);
        billing.down(true);

        HttpResponse<String> down = subtitle(key);

        assertEquals(503, down.statusCode());
        assertEquals("{\"error_code\":\"service_unavailable\",\"message\":\"The billing-service is temporarily "
                + "unavailable. Please retry later.\",\"request_id\":\"" + Http.requestId(down) + "\"}", down.body());

        billing.down(false);
        assertEquals(200, subtitle(key).statusCode());
    }

    private static HttpResponse<String> subtitle(String key) {
        return Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE, "Content-Type", "application/json",
                "API-KEY", key);
    }
}

package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeBilling;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.Seed;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** An address that keeps sending refused keys is cut off before any lookup, whatever key it sends next. */
@QuarkusTest
@TestProfile(KeyGuessingProfile.class)
@QuarkusTestResource(Downstream.class)
class KeyGuessingTest {

    private FakeBilling billing;

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        billing = FakeBilling.install();
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));
    }

    @Test
    void guessingKeysIsCutOffAfterTheLimitEvenForAValidKey() {
        String valid = "tn_live_guessing_valid_key_0001";
        billing.activeKey(valid);
        assertEquals(200, subtitle(valid).statusCode());

        // Requests without a key guess nothing and are not counted.
        for (int i = 0; i < 8; i++) {
            assertEquals(401, Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE,
                    "Content-Type", "application/json").statusCode());
        }
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> refused = subtitle("tn_live_guess_" + i + "_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
            assertEquals(401, refused.statusCode(), "guess " + i);
            assertEquals("{\"success\":false,\"error\":\"Invalid API Key\",\"request_id\":\""
                    + Http.requestId(refused) + "\"}", refused.body());
        }
        HttpResponse<String> guess = subtitle("tn_live_guess_5_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        HttpResponse<String> validAfter = subtitle(valid);

        for (HttpResponse<String> blocked : List.of(guess, validAfter)) {
            assertEquals(429, blocked.statusCode());
            long retryAfter = Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 12, "a token comes back every 12 s: " + retryAfter);
            assertEquals("{\"error_code\":\"rate_limited\",\"message\":\"Too many requests. Retry after " + retryAfter
                    + " seconds.\",\"request_id\":\"" + Http.requestId(blocked) + "\"}", blocked.body());
        }
        assertEquals(0, billing.keyLookups("tn_live_guess_5_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                "a blocked address's key is never looked up");
        assertEquals(1, Downstream.subtitle().received().size(), "nothing was forwarded while blocked");
        assertTrue(Http.get("/q/metrics").body().contains("tikneuron_gateway_auth_guessing_blocked_total 2.0"));
    }

    private static HttpResponse<String> subtitle(String key) {
        return Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE, "Content-Type", "application/json",
                "API-KEY", key);
    }
}

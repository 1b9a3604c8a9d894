package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.Seed;
import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** One account's large stored replies push out its own oldest records, never another account's. */
@QuarkusTest
@TestProfile(IdempotencyBoundsTest.SmallStore.class)
@QuarkusTestResource(Downstream.class)
class IdempotencyBoundsTest {

    private static final String PATH = "/api/v1/tiktok/subtitle";
    private static final String SMALL_ACCOUNT_KEY = "tn_live_idempotency_small_account";
    private static final String LARGE_ACCOUNT_KEY = "tn_live_idempotency_large_account";
    private static final int LARGE_REPLIES = 40;
    private static final String LARGE_REPLY = "{\"success\":true,\"data\":{\"subtitles\":\"" + "la ".repeat(1_400)
            + "\"}}";

    /** 16 KiB per account: forty 4 KiB replies are well over it. */
    public static class SmallStore implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tikneuron.gateway.idempotency.max-stored-bytes-per-account", "16384",
                    "%test.tikneuron.gateway.idempotency.max-stored-bytes-per-account", "16384");
        }
    }

    @Test
    void largeRepliesOfOneAccountCannotEvictAnotherAccountsRecord() {
        Downstream.resetAll();
        BillingStandIn billing = Downstream.billing();
        billing.activeKey(SMALL_ACCOUNT_KEY);
        billing.activeKey(LARGE_ACCOUNT_KEY);
        Downstream.subtitle().answer(request -> request.header("Idempotency-Key").startsWith("large-")
                ? Reply.json(200, LARGE_REPLY)
                : Reply.json(200, Seed.SUBTITLE_RESPONSE));

        HttpResponse<String> small = post(SMALL_ACCOUNT_KEY, "small-1");
        for (int i = 0; i < LARGE_REPLIES; i++) {
            assertEquals(200, post(LARGE_ACCOUNT_KEY, "large-" + i).statusCode());
        }
        HttpResponse<String> smallReplay = post(SMALL_ACCOUNT_KEY, "small-1");
        HttpResponse<String> newestLargeReplay = post(LARGE_ACCOUNT_KEY, "large-" + (LARGE_REPLIES - 1));
        HttpResponse<String> oldestLarge = post(LARGE_ACCOUNT_KEY, "large-0");

        assertEquals("true", smallReplay.headers().firstValue("Idempotent-Replayed").orElse("missing"),
                "the small account's record survived");
        assertEquals(small.body(), smallReplay.body());
        assertEquals("true", newestLargeReplay.headers().firstValue("Idempotent-Replayed").orElse("missing"));
        assertFalse(oldestLarge.headers().firstValue("Idempotent-Replayed").isPresent(),
                "the large account's oldest record made room");
        assertEquals(1, Downstream.subtitle().received(PATH).stream()
                .filter(request -> "small-1".equals(request.header("Idempotency-Key"))).count(), "charged once");
    }

    private static HttpResponse<String> post(String key, String idempotencyKey) {
        return Http.post(PATH, Seed.CURL_SUBTITLE, "Content-Type", "application/json", "API-KEY", key,
                "Idempotency-Key", idempotencyKey);
    }
}

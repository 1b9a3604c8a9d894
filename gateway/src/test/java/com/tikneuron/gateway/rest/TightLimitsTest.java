package com.tikneuron.gateway.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.Seed;
import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Rate limits per key, per-route timeouts and circuit breakers, with the limits of TightLimitsProfile. */
@QuarkusTest
@TestProfile(TightLimitsProfile.class)
@QuarkusTestResource(Downstream.class)
class TightLimitsTest {

    // Relative to the management root (/q): the port differs from the API port and is picked at random.

    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private BillingStandIn billing;

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        billing = Downstream.billing();
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));
    }

    @AfterEach
    void releaseBlockedRequests() {
        release.complete(null);
    }

    @Test
    void anAccountsPlanSetsItsKeysLimitInsteadOfTheDefault() {
        String key = "tn_live_rate_limited_plan_0001";
        billing.activeKey(key);
        billing.plan(key, 60, 5);

        for (int remaining = 4; remaining >= 0; remaining--) {
            HttpResponse<String> allowed = subtitle(key);
            assertEquals(200, allowed.statusCode());
            assertEquals("5", allowed.headers().firstValue("X-RateLimit-Limit").orElseThrow());
            assertEquals(Integer.toString(remaining), allowed.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        }
        HttpResponse<String> limited = subtitle(key);
        assertEquals(429, limited.statusCode());
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 1, "60 a minute: a token comes back every second: " + retryAfter);
    }

    @Test
    void fourthRequestWithinAMinuteIsRateLimitedForThatKeyOnly() {
        String key = "tn_live_rate_limited_0001";
        String other = "tn_live_rate_limited_0002";
        billing.activeKey(key);
        billing.activeKey(other);
        long before = System.currentTimeMillis() / 1000;
        double limitedBefore = rateLimitedCount();

        for (int remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> allowed = subtitle(key);
            assertEquals(200, allowed.statusCode());
            assertEquals("3", allowed.headers().firstValue("X-RateLimit-Limit").orElseThrow());
            assertEquals(Integer.toString(remaining),
                    allowed.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        }
        HttpResponse<String> limited = subtitle(key);

        assertEquals(429, limited.statusCode());
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 20, "one token comes back every 20 s: " + retryAfter);
        assertEquals("{\"error_code\":\"rate_limited\",\"message\":\"Too many requests. Retry after " + retryAfter
                + " seconds.\",\"request_id\":\"" + Http.requestId(limited) + "\"}", limited.body());
        assertEquals("0", limited.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        long reset = Long.parseLong(limited.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        // the bucket is full again a minute after its first token was taken, which happened between
        // `before` and the limited answer (the first request of a fresh JVM may take a second or more)
        long after = (System.currentTimeMillis() + 999) / 1000;
        assertTrue(reset > before + 58 && reset <= after + 61,
                "reset is a Unix time a minute after the first call: " + reset + " (calls made in " + before
                        + ".." + after + ")");
        assertEquals(3, Downstream.subtitle().received().size(), "the limited request was not forwarded");
        assertEquals(200, subtitle(other).statusCode());
        assertEquals(limitedBefore + 1, rateLimitedCount());
    }

    @Test
    void testKeyIsRateLimitedExactlyLikeALiveKeyAndNeverForwarded() {
        String key = "tn_test_rate_limited_0001";
        billing.key(key, "test", "active");

        for (int remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> allowed = subtitle(key);
            assertEquals(200, allowed.statusCode());
            assertEquals("true", allowed.headers().firstValue("X-TikNeuron-Sample").orElseThrow());
            assertEquals("3", allowed.headers().firstValue("X-RateLimit-Limit").orElseThrow());
            assertEquals(Integer.toString(remaining),
                    allowed.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        }
        HttpResponse<String> limited = subtitle(key);

        assertEquals(429, limited.statusCode());
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("{\"error_code\":\"rate_limited\",\"message\":\"Too many requests. Retry after " + retryAfter
                + " seconds.\",\"request_id\":\"" + Http.requestId(limited) + "\"}", limited.body());
        assertTrue(limited.headers().firstValue("X-TikNeuron-Sample").isEmpty());
        assertEquals(0, Downstream.subtitle().received().size(), "a test key's calls never reach a service");
    }

    @Test
    void slowServiceIsCutOffAtTheRouteTimeoutWith503() {
        String key = "tn_live_timeout_0001";
        billing.activeKey(key);
        Downstream.subtitle().answer(request -> {
            release.orTimeout(10, TimeUnit.SECONDS).join();
            return Reply.json(200, Seed.SUBTITLE_RESPONSE);
        });
        long start = System.nanoTime();

        HttpResponse<String> response = subtitle(key);

        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(503, response.statusCode());
        assertEquals("{\"error_code\":\"service_unavailable\",\"message\":\"The subtitle-service is temporarily "
                + "unavailable. Please retry later.\",\"request_id\":\"" + Http.requestId(response) + "\"}",
                response.body());
        assertEquals("0", response.headers().firstValue("X-Credits-Charged").orElseThrow());
        // The route timeout is 300 ms and the stand-in holds its answer for 10 s: anything under 9 s shows the timeout
        // cut the call off, with room for a busy 2-core machine.
        assertTrue(elapsedMillis < 9_000, "answered after " + elapsedMillis + " ms");
        // The service may still capture after the gateway gave up: billing is told to settle it for the caller.
        String callId = Downstream.subtitle().received().get(0).header("X-Call-Id");
        await().atMost(Duration.ofSeconds(5)).until(() -> billing.refunds(callId) == 1);
    }

    @Test
    void failingServiceOpensItsBreakerAndIsNoLongerCalled() {
        String[] keys = { "tn_live_breaker_0001", "tn_live_breaker_0002" };
        for (String key : keys) {
            billing.activeKey(key);
        }
        Downstream.diarization().answer(request -> Reply.json(500, "{}"));
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = Http.post("/api/v1/tiktok/diarization", Seed.CURL_DIARIZATION,
                    "Content-Type", "application/json", "API-KEY", keys[i % 2]);
            assertEquals(503, response.statusCode());
        }

        assertEquals(4, Downstream.diarization().received().size(), "the fifth call met an open breaker");
        List<String> callIds = Downstream.diarization().received().stream().map(call -> call.header("X-Call-Id"))
                .toList();
        // Each call that reached the service is reported for refund; the one refused by the breaker never moved credits.
        await().atMost(Duration.ofSeconds(5)).until(() -> callIds.stream().allMatch(id -> billing.refunds(id) == 1));
        assertEquals(4, billing.refunds().size());
    }

    private static double rateLimitedCount() {
        return Http.getManagement("/q/metrics").body().lines()
                .filter(line -> line.startsWith("tikneuron_gateway_rate_limited_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static HttpResponse<String> subtitle(String key) {
        return Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE, "Content-Type", "application/json",
                "API-KEY", key);
    }
}

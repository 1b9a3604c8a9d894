package com.tikneuron.gateway.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpResponse;
import java.time.Duration;
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

/** Idempotency-Key on the paid routes: replays are answered from the stored response and never forwarded twice. */
@QuarkusTest
@QuarkusTestResource(Downstream.class)
class IdempotencyTest {

    private static final String KEY = "tn_live_idempotency_0001";
    private static final String OTHER_ACCOUNT_KEY = "tn_live_idempotency_0002";
    private static final String PATH = "/api/v1/tiktok/subtitle";

    private final CompletableFuture<Void> release = new CompletableFuture<>();

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        BillingStandIn billing = Downstream.billing();
        billing.activeKey(KEY);
        billing.activeKey(OTHER_ACCOUNT_KEY);
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE)
                .withHeader("X-Credits-Charged", "1").withHeader("X-Credits-Remaining", "41"));
    }

    @AfterEach
    void releaseBlockedRequests() {
        release.complete(null);
    }

    @Test
    void replayGetsTheStoredResponseAndIsNotForwardedAgain() {
        HttpResponse<String> first = post(KEY, "idem-replay-1", Seed.CURL_SUBTITLE);
        HttpResponse<String> replay = post(KEY, "idem-replay-1", Seed.FETCH_SUBTITLE);

        assertEquals(200, first.statusCode());
        assertEquals(200, replay.statusCode());
        assertEquals(first.body(), replay.body());
        assertEquals("1", replay.headers().firstValue("X-Credits-Charged").orElseThrow());
        assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElseThrow());
        assertFalse(first.headers().firstValue("Idempotent-Replayed").isPresent());
        assertEquals(1, Downstream.subtitle().received(PATH).size(), "charged once");
        assertEquals("idem-replay-1", Downstream.subtitle().received(PATH).get(0).header("Idempotency-Key"));
    }

    @Test
    void sameKeyWithAnotherBodyIsRefused() {
        post(KEY, "idem-reused-1", Seed.CURL_SUBTITLE);

        HttpResponse<String> reused = post(KEY, "idem-reused-1",
                "{\"url\":\"" + Seed.VIDEO_URL + "\",\"format\":\"vtt\"}");

        assertEquals(422, reused.statusCode());
        assertEquals("{\"error_code\":\"idempotency_key_reused\",\"message\":\"This Idempotency-Key was already used "
                + "with a different request.\",\"request_id\":\"" + Http.requestId(reused) + "\"}", reused.body());
        assertEquals(1, Downstream.subtitle().received(PATH).size());
    }

    @Test
    void sameKeyWhileTheFirstIsRunningGets409() throws Exception {
        Downstream.subtitle().answer(request -> {
            release.orTimeout(10, TimeUnit.SECONDS).join();
            return Reply.json(200, Seed.SUBTITLE_RESPONSE);
        });
        CompletableFuture<HttpResponse<String>> first = Http.postAsync(PATH, Seed.CURL_SUBTITLE,
                "Content-Type", "application/json", "API-KEY", KEY, "Idempotency-Key", "idem-running-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> Downstream.subtitle().received(PATH).size() == 1);

        HttpResponse<String> second = post(KEY, "idem-running-1", Seed.CURL_SUBTITLE);
        release.complete(null);

        assertEquals(409, second.statusCode());
        assertEquals("{\"error_code\":\"idempotency_key_in_use\",\"message\":\"A request with this Idempotency-Key is "
                + "still being processed.\",\"request_id\":\"" + Http.requestId(second) + "\"}", second.body());
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(1, Downstream.subtitle().received(PATH).size());
    }

    @Test
    void keysAreScopedPerAccount() {
        post(KEY, "idem-shared-1", Seed.CURL_SUBTITLE);
        HttpResponse<String> other = post(OTHER_ACCOUNT_KEY, "idem-shared-1", Seed.CURL_SUBTITLE);

        assertEquals(200, other.statusCode());
        assertFalse(other.headers().firstValue("Idempotent-Replayed").isPresent());
        assertEquals(2, Downstream.subtitle().received(PATH).size());
    }

    @Test
    void serverFailureIsNotStoredSoTheKeyCanBeRetried() {
        Downstream.subtitle().answer(request -> Reply.json(500, "{}"));
        assertEquals(503, post(KEY, "idem-retry-1", Seed.CURL_SUBTITLE).statusCode());

        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));
        HttpResponse<String> retry = post(KEY, "idem-retry-1", Seed.CURL_SUBTITLE);

        assertEquals(200, retry.statusCode());
        assertEquals(2, Downstream.subtitle().received(PATH).size());
    }

    @Test
    void storedErrorAnswersAreReplayedToo() {
        Downstream.subtitle().answer(request -> Reply.json(402,
                "{\"error_code\":\"insufficient_credits\",\"message\":\"Insufficient credits\"}"));
        HttpResponse<String> first = post(KEY, "idem-error-1", Seed.CURL_SUBTITLE);
        HttpResponse<String> replay = post(KEY, "idem-error-1", Seed.CURL_SUBTITLE);

        assertEquals(402, replay.statusCode());
        assertEquals(first.body(), replay.body());
        assertEquals(1, Downstream.subtitle().received(PATH).size());
    }

    private static HttpResponse<String> post(String key, String idempotencyKey, String body) {
        return Http.post(PATH, body, "Content-Type", "application/json", "API-KEY", key,
                "Idempotency-Key", idempotencyKey);
    }
}

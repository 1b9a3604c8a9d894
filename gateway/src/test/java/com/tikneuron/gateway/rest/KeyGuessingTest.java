package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.service.AuthFailureLimiter;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.LoopbackClient;
import com.tikneuron.gateway.testing.Seed;
import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * An address that keeps sending refused keys is cut off before any lookup, whatever key it sends next; concurrent
 * guesses stop at the limit, valid keys cost nothing, and IPv6 addresses are counted per /64.
 */
@QuarkusTest
@TestProfile(KeyGuessingProfile.class)
@QuarkusTestResource(Downstream.class)
class KeyGuessingTest {

    private static final int REFUSALS_PER_MINUTE = 5;

    // Relative to the management root (/q): the port differs from the API port and is picked at random.
    @TestHTTPResource(value = "metrics", management = true)
    URI metrics;

    @Inject
    AuthFailureLimiter limiter;

    private BillingStandIn billing;

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        billing = Downstream.billing();
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));
    }

    @Test
    void guessingKeysIsCutOffAfterTheLimitEvenForAValidKey() {
        String valid = "tn_live_guessing_valid_key_0001";
        billing.activeKey(valid);
        double blockedBefore = guessingBlocked();
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
        assertEquals(2.0, guessingBlocked() - blockedBefore, "both refusals are counted");
    }

    @Test
    void concurrentGuessesFromOneAddressStopAtItsLimit() throws Exception {
        LoopbackClient guesser = new LoopbackClient("127.0.26.1");
        List<String> guesses = IntStream.range(0, 40)
                .mapToObj(i -> "tn_live_concurrent_guess_" + i + "_bbbbbbbbbbbbbbbbbbbbbbbbbbbb").toList();
        ExecutorService pool = Executors.newFixedThreadPool(guesses.size());
        Map<Integer, Integer> statuses = new TreeMap<>();
        long start = System.nanoTime();
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String guess : guesses) {
                answers.add(pool.submit(() -> guesser.subtitle(guess).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(1, TimeUnit.MINUTES), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        long allowed = REFUSALS_PER_MINUTE + (long) Math.ceil(REFUSALS_PER_MINUTE * seconds / 60);
        long lookups = guesses.stream().mapToLong(billing::keyLookups).sum();
        assertEquals(guesses.size(), statuses.getOrDefault(401, 0) + statuses.getOrDefault(429, 0), statuses.toString());
        assertTrue(statuses.getOrDefault(401, 0) <= allowed, statuses + " in " + seconds + " s");
        assertTrue(lookups <= allowed, lookups + " guesses reached billing in " + seconds + " s");
    }

    @Test
    void validKeysLookedUpFromAnAddressDoNotUseUpItsAllowance() {
        LoopbackClient office = new LoopbackClient("127.0.26.2");
        for (int i = 0; i < 3 * REFUSALS_PER_MINUTE; i++) {
            String key = "tn_live_office_colleague_" + i + "_cccccccccccccccccccccccc";
            billing.activeKey(key);
            assertEquals(200, office.subtitle(key).statusCode(), "colleague " + i);
        }
        for (int i = 0; i < REFUSALS_PER_MINUTE; i++) {
            assertEquals(401, office.subtitle("tn_live_office_typo_" + i + "_dddddddddddddddddddddd").statusCode());
        }
        assertEquals(429, office.subtitle("tn_live_office_typo_last_dddddddddddddddddddddd").statusCode());
    }

    @Test
    void ipv6AddressesAreCountedPerSlash64AndIpv4PerAddress() {
        for (int i = 0; i < REFUSALS_PER_MINUTE; i++) {
            limiter.failed("2001:db8:24:1::" + Integer.toHexString(i + 1)).await().indefinitely();
            limiter.failed("192.0.2.1").await().indefinitely();
        }

        assertTrue(limiter.blockedFor("2001:db8:24:1:ffff:1234:5678:9abc").await().indefinitely().isPresent(), "same /64");
        assertTrue(limiter.blockedFor("2001:db8:24:2::1").await().indefinitely().isEmpty(), "next /64");
        assertTrue(limiter.blockedFor("192.0.2.1").await().indefinitely().isPresent());
        assertTrue(limiter.blockedFor("192.0.2.2").await().indefinitely().isEmpty(), "IPv4 neighbours are not blocked");
    }

    private double guessingBlocked() {
        String meters = Http.send(HttpRequest.newBuilder(metrics).GET().build()).body();
        return meters.lines().filter(line -> line.startsWith("tikneuron_gateway_auth_guessing_blocked_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static HttpResponse<String> subtitle(String key) {
        return Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE, "Content-Type", "application/json",
                "API-KEY", key);
    }
}

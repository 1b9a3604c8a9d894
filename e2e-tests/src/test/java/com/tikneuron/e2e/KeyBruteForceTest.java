package com.tikneuron.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.e2e.RawHttp.Answer;
import com.tikneuron.e2e.Stack.Customer;

/**
 * API-key guessing from one client address (a loopback address of its own, so other tests from 127.0.0.1 are not
 * blocked): the first refused keys get the contract's 401, then the address gets 429 before any key lookup, valid
 * key or not, whatever X-Forwarded-For it claims; a valid key from another address is still served.
 */
@ExtendWith(NoServerErrors.class)
class KeyBruteForceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = Integer.getInteger("tikneuron.e2e.auth-failure-limit", 20);
    private static final int GUESSES = 220;
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    // A generated video of the stand-in's, used by no other test: what this class gets served never turns
    // another test's first, paid call into a cached one.
    private static final String URL = "https://www.tiktok.com/@loadtest/video/7399000000000000103";

    @Test
    void guessingIsCutOffWith429AfterTheLimitAndOthersAreStillServed() throws Exception {
        Customer customer = Stack.customer(100);
        // A fresh source address each run: the limiter remembers addresses for a while.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        InetAddress guesser = InetAddress.getByName("127." + random.nextInt(100, 250) + "." + random.nextInt(1, 250)
                + "." + random.nextInt(1, 250));
        SecureRandom secrets = new SecureRandom();

        List<Integer> statuses = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < GUESSES; i++) {
            String key = "tn_live_" + secret(secrets);
            String route = i % 2 == 0 ? "/api/v1/tiktok/subtitle" : "/api/v1/account/credits";
            byte[] request = route.endsWith("credits")
                    ? get(route, key, "X-Forwarded-For: 10.1." + (i % 250) + ".7", "Forwarded: for=10.2." + (i % 250) + ".9")
                    : RawHttp.post(route, key, "{\"url\":\"" + URL + "\"}", "X-Real-IP: 10.3." + (i % 250) + ".1");
            Answer answer = RawHttp.send(request, guesser);
            NoServerErrors.record("guess " + i, answer.status());
            statuses.add(answer.status());
            JsonNode body = JSON.readTree(answer.body().isEmpty() ? "null" : answer.body());
            if (answer.status() == 401) {
                boolean contract = body != null && body.size() == 3 && !body.path("success").asBoolean(true)
                        && body.path("success").isBoolean() && "Invalid API Key".equals(body.path("error").asText())
                        && body.path("request_id").asText().length() > 0;
                if (!contract) {
                    failures.add("guess " + i + ": 401 body " + answer.body());
                }
            } else if (answer.status() == 429) {
                if (!rateLimited(answer, body)) {
                    failures.add("guess " + i + ": 429 without the contract body or Retry-After: " + answer.headerLines() + " " + answer.body());
                }
            } else {
                failures.add("guess " + i + ": status " + answer.status() + " " + answer.body());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        // Meanwhile the blocked address is refused even with a valid key; another address is served.
        Answer validFromGuesser = RawHttp.send(get("/api/v1/account/credits", customer.key()), guesser);
        NoServerErrors.record("valid key from the guessing address", validFromGuesser.status());
        Answer validFromElsewhere = RawHttp.send(get("/api/v1/account/credits", customer.key()),
                InetAddress.getByName("127.0.0.1"));
        NoServerErrors.record("valid key from 127.0.0.1", validFromElsewhere.status());

        assertEquals(List.of(), failures);
        assertEquals(List.of(401), statuses.subList(0, LIMIT).stream().distinct().toList(),
                "the first " + LIMIT + " guesses: " + statuses.subList(0, LIMIT));
        assertEquals(429, statuses.get(LIMIT), "the guess after the limit: " + statuses.subList(0, LIMIT + 5));
        // Tokens come back at LIMIT per minute, so a few late guesses may be looked up (and refused) again.
        long refused = statuses.stream().filter(status -> status == 401).count();
        long refill = (long) Math.ceil(seconds * LIMIT / 60.0) + 1;
        assertTrue(refused <= LIMIT + refill, refused + " guesses looked up in " + seconds + " s; expected at most "
                + (LIMIT + refill));
        assertEquals(429, validFromGuesser.status(), "valid key from the guessing address: " + validFromGuesser.body());
        assertTrue(rateLimited(validFromGuesser, JSON.readTree(validFromGuesser.body())), validFromGuesser.body());
        assertEquals(200, validFromElsewhere.status(), "valid key from 127.0.0.1: " + validFromElsewhere.body());
        assertFalse(statuses.contains(200), "a guessed key was accepted");
    }

    private static boolean rateLimited(Answer answer, JsonNode body) {
        List<String> retryAfter = answer.header("Retry-After");
        return body != null && "rate_limited".equals(body.path("error_code").asText())
                && body.path("message").asText().length() > 0 && body.path("request_id").asText().length() > 0
                && retryAfter.size() == 1 && retryAfter.get(0).matches("[1-9][0-9]*");
    }

    private static byte[] get(String path, String key, String... extra) {
        StringBuilder head = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(RawHttp.host())
                .append("\r\nAPI-KEY: ").append(key).append("\r\nConnection: close\r\n");
        for (String header : extra) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String secret(SecureRandom random) {
        char[] secret = new char[40];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(secret);
    }
}

package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.Seed;
import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Sends well over a thousand malformed requests (random JSON, wrong types, nulls, arrays, huge and unicode
 * strings, odd headers and methods) and expects no server error and a JSON body with a request id every time.
 */
@QuarkusTest
@QuarkusTestResource(Downstream.class)
class FuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "tn_live_fuzz_0001";
    private static final String[] PATHS = { "/api/v1/tiktok/subtitle", "/api/v1/tiktok/summarize",
        "/api/v1/tiktok/diarization", "/api/v1/account/credits", "/api/v1/account/usage" };
    private static final String[] FIELDS = { "url", "format", "summary_type", "language", "extra", "" };
    private static final String[] CONTENT_TYPES = { "application/json", "application/json; charset=utf-8",
        "APPLICATION/JSON", "application/problem+json", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/xml", "application/json;;;", "garbage", "*/*",
        "application/json; charset=utf-16" };
    private static final String[] METHODS = { "POST", "POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH" };
    private static final int REQUESTS = 1_200;

    private final Random random = new Random(20261121L);
    private String accountId;

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        BillingStandIn billing = Downstream.billing();
        accountId = billing.activeKey(KEY);
        billing.balance(accountId, 5, 0, Instant.parse("2026-11-21T10:00:00Z"));
        billing.usage(accountId, "{\"object\":\"list\",\"data\":[],\"has_more\":false}");
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));
        Downstream.summary().answer(request -> Reply.json(200, Seed.SUMMARY_RESPONSE));
        Downstream.diarization().answer(request -> Reply.json(200, Seed.DIARIZATION_RESPONSE));
    }

    @Test
    void malformedRequestsNeverGetAServerError() throws Exception {
        List<String> failures = new ArrayList<>();
        Set<Integer> statuses = new TreeSet<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpRequest request = randomRequest();
            HttpResponse<String> response = Http.send(request);
            statuses.add(response.statusCode());
            if (response.statusCode() >= 500) {
                failures.add(response.statusCode() + " for " + request.method() + " " + request.uri());
                continue;
            }
            String body = response.body();
            if (!body.isEmpty()) {
                JsonNode node = JSON.readTree(body);
                if (response.statusCode() >= 400 && (node == null || !node.has("request_id"))) {
                    failures.add("no request_id in " + body);
                }
            }
            assertTrue(response.headers().firstValue("X-Request-Id").isPresent());
        }
        assertEquals(List.of(), failures);
        // The mix must reach every stage: success, auth, body parsing, content type and field validation.
        assertTrue(statuses.containsAll(Set.of(200, 400, 401, 405, 415, 422)), statuses.toString());
    }

    private HttpRequest randomRequest() {
        String path = PATHS[random.nextInt(PATHS.length)];
        if (path.endsWith("/usage") && random.nextBoolean()) {
            path += "?limit=" + URLEncoder.encode(asciiJunk(random.nextInt(6)), StandardCharsets.UTF_8)
                    + "&starting_after=" + URLEncoder.encode(unicodeJunk(random.nextInt(20)), StandardCharsets.UTF_8);
        }
        String method = METHODS[random.nextInt(METHODS.length)];
        HttpRequest.Builder builder = HttpRequest.newBuilder(Http.uri(path));
        if (random.nextInt(10) > 0) {
            builder.header("Content-Type", CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]);
        }
        switch (random.nextInt(6)) {
            case 0 -> builder.header("API-KEY", asciiJunk(random.nextInt(40)));
            case 1 -> builder.header("Authorization", (random.nextBoolean() ? "Bearer " : "Basic ") + KEY);
            case 2 -> { }
            default -> builder.header("API-KEY", KEY);
        }
        if (random.nextInt(4) == 0) {
            builder.header("Idempotency-Key", asciiJunk(random.nextInt(300)));
        }
        if (random.nextInt(4) == 0) {
            builder.header("X-Request-Id", asciiJunk(random.nextInt(200)));
        }
        if (random.nextInt(8) == 0) {
            builder.header("Accept", random.nextBoolean() ? "text/html" : "application/xml");
        }
        byte[] body = randomBody();
        HttpRequest.BodyPublisher publisher = body.length == 0 && random.nextBoolean()
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return builder.method(method, publisher).build();
    }

    private byte[] randomBody() {
        return switch (random.nextInt(9)) {
            case 0 -> new byte[0];
            case 1 -> {
                byte[] bytes = new byte[random.nextInt(300)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 2 -> {
                String json = randomJson(0);
                yield json.substring(0, random.nextInt(json.length() + 1)).getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> randomJson(0).getBytes(StandardCharsets.UTF_8);
            default -> randomObject().getBytes(StandardCharsets.UTF_8);
        };
    }

    // An object with the contract's field names holding values of any type, sometimes almost right.
    private String randomObject() {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(quote(FIELDS[random.nextInt(FIELDS.length)])).append(':');
            json.append(switch (random.nextInt(6)) {
                case 0 -> quote(Seed.VIDEO_URL);
                case 1 -> quote(random.nextBoolean() ? "srt" : "textual");
                case 2 -> quote("https://vm.tiktok.com/" + asciiJunk(random.nextInt(12)) + "/");
                default -> randomJson(1);
            });
        }
        return json.append('}').toString();
    }

    private String randomJson(int depth) {
        int choice = random.nextInt(depth > 4 ? 6 : 9);
        return switch (choice) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> Double.toString(random.nextGaussian() * 1e300);
            case 4 -> quote(unicodeJunk(random.nextInt(30)));
            case 5 -> quote(random.nextInt(20) == 0 ? "x".repeat(60_000) : asciiJunk(random.nextInt(50)));
            case 6 -> {
                StringBuilder array = new StringBuilder("[");
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.append(i > 0 ? "," : "").append(randomJson(depth + 1));
                }
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    object.append(i > 0 ? "," : "").append(quote(unicodeJunk(random.nextInt(8)))).append(':')
                            .append(randomJson(depth + 1));
                }
                yield object.append('}').toString();
            }
        };
    }

    private String asciiJunk(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (0x21 + random.nextInt(0x7e - 0x21)));
        }
        return text.toString();
    }

    private String unicodeJunk(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 0xa0 + random.nextInt(0x700);
                case 2 -> 0x4e00 + random.nextInt(0x5000);
                default -> 0x1f300 + random.nextInt(0x300);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package com.tikneuron.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.tikneuron.e2e.Stack.Customer;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Several gateway replicas behind the local load balancer (scripts/replicas-check.sh starts them, with a Redis of
 * the check's own): limits and Idempotency-Key records hold across replicas, and a Redis outage costs neither a
 * 5xx on plain requests nor a second charge. Needs tikneuron.e2e.gateway-replicas (the replicas' own URLs); a stack
 * of one gateway cannot show any of it, so without them these tests are skipped with that reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayReplicasTest {

    private static final List<String> REPLICAS = Arrays.stream(System.getProperty("tikneuron.e2e.gateway-replicas", "")
            .split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    private static final String REDIS_KILL = System.getProperty("tikneuron.e2e.redis-kill", "");
    private static final String REDIS_START = System.getProperty("tikneuron.e2e.redis-start", "");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String RUN = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000);

    private static void needReplicas() {
        Assumptions.assumeTrue(REPLICAS.size() >= 2,
                "needs two or more gateway replicas behind the balancer: run scripts/replicas-check.sh");
    }

    @Test
    @Order(1)
    void aKeyOfSixtyAMinuteGetsSixtyAcceptedOutOfThreeHundredRoundRobin() throws Exception {
        needReplicas();
        Customer customer = Stack.customer(1_000_000, "test");
        plan(customer, 60, 60);
        // The new key's first lookup may be slow on a busy machine: wait until it is answered.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> send(Stack.GATEWAY, customer, null, video(0)).statusCode() == 200);
        // Spend the burst first: what a minute of steady sending then gets is the rate alone.
        int drained = 1;
        HttpResponse<String> last;
        while ((last = send(Stack.GATEWAY, customer, null, video(0))).statusCode() == 200 && drained < 500) {
            drained++;
        }
        assertEquals(429, last.statusCode(), last.body());
        // 60 plus what refills while draining (one a second): far from the 180 three unshared buckets would give.
        assertTrue(drained >= 54 && drained <= 90, "the burst of 60 is shared by every replica: " + drained);

        // One request every 200 ms for a minute, each sent on time whatever the answers' latency, so the minute is a
        // minute on a busy machine too.
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            long due = start + TimeUnit.MILLISECONDS.toNanos(200L * i);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            answers.add(HTTP.sendAsync(request(Stack.GATEWAY, customer, null, video(0)), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            statuses.merge(answer.get(60, TimeUnit.SECONDS).statusCode(), 1, Integer::sum);
        }
        System.out.printf("300 requests in %d s through %d replicas: %s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), REPLICAS.size(), statuses);
        int accepted = statuses.getOrDefault(200, 0);
        assertTrue(accepted >= 54 && accepted <= 66, "60 ± 10 % accepted: " + statuses);
        assertEquals(300, accepted + statuses.getOrDefault(429, 0), "only 200 and 429: " + statuses);
    }

    @Test
    @Order(2)
    void anIdempotencyKeyRetriedOnAnotherReplicaIsInFlightThenReplayedAndChargedOnce() throws Exception {
        needReplicas();
        Customer customer = Stack.customer(100);
        String video = video(1);
        String key = "replicas-" + RUN + "-1";
        standinDelay(3_000);
        try {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                    () -> send(REPLICAS.get(0), customer, key, video));
            // The first is held up at TikTok (3 s a request, more than one request a fetch): once TikTok has served
            // its page, its captions are still to come, so it is in flight.
            await().atMost(Duration.ofSeconds(30)).until(() -> pageFetches(video) >= 1);
            HttpResponse<String> inFlight = send(REPLICAS.get(1), customer, key, video);
            assertEquals(409, inFlight.statusCode(), inFlight.body());
            assertTrue(inFlight.body().contains("\"error_code\":\"idempotency_key_in_use\""), inFlight.body());

            HttpResponse<String> done = first.get(60, TimeUnit.SECONDS);
            assertEquals(200, done.statusCode(), done.body());
            assertEquals("1", done.headers().firstValue("X-Credits-Charged").orElseThrow());
            HttpResponse<String> replay = send(REPLICAS.get(1), customer, key, video);
            assertEquals(200, replay.statusCode());
            assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElseThrow());
            assertEquals(done.body(), replay.body());
            HttpResponse<String> again = send(REPLICAS.get(REPLICAS.size() - 1), customer, key, video);
            assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElseThrow());
        } finally {
            standinDelay(0);
        }
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(99, Stack.credits(customer), "one charge in all");
    }

    @Test
    @Order(3)
    void redisKilledMidRunNoServerErrorOnPlainIdempotentRefusedNothingChargedTwiceSharedAgainAfter() throws Exception {
        needReplicas();
        Assumptions.assumeTrue(!REDIS_KILL.isBlank() && !REDIS_START.isBlank(),
                "needs tikneuron.e2e.redis-kill and redis-start: the check's own Redis, never a shared one");
        Customer customer = Stack.customer(1_000);
        // Its own limit stays out of the way: what its requests show is the idempotency store's absence alone.
        plan(customer, 60_000, 60_000);
        Customer limited = Stack.customer(1_000_000, "test");
        plan(limited, 60, 60);
        String video = video(2);
        HttpResponse<String> before = send(Stack.GATEWAY, customer, "replicas-" + RUN + "-2", video);
        assertEquals(200, before.statusCode(), before.body());

        shell(REDIS_KILL);
        Map<Integer, Integer> plain = new TreeMap<>();
        Map<Integer, Integer> idempotent = new TreeMap<>();
        List<String> plainLimits = new ArrayList<>();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            int n = 0;
            while (System.nanoTime() < until) {
                HttpResponse<String> answer = send(Stack.GATEWAY, limited, null, video(0));
                plain.merge(answer.statusCode(), 1, Integer::sum);
                answer.headers().firstValue("X-RateLimit-Limit").ifPresent(plainLimits::add);
                idempotent.merge(send(Stack.GATEWAY, customer, "replicas-" + RUN + "-2", video).statusCode(), 1,
                        Integer::sum);
                HttpResponse<String> fresh = send(Stack.GATEWAY, customer, "replicas-" + RUN + "-down-" + n++, video(3));
                idempotent.merge(fresh.statusCode(), 1, Integer::sum);
            }
        } finally {
            shell(REDIS_START);
        }
        System.out.printf("while Redis was down: plain %s (limits %s), idempotent %s%n", plain,
                new TreeMap<>(plainLimits.stream().collect(java.util.stream.Collectors.groupingBy(s -> s,
                        java.util.stream.Collectors.counting()))), idempotent);
        assertTrue(plain.keySet().stream().allMatch(status -> status == 200 || status == 429), "no 5xx: " + plain);
        assertEquals(java.util.Set.of(503), idempotent.keySet(), "every idempotent request 503: " + idempotent);
        assertTrue(plainLimits.contains("20"), "a replica's share of the burst of 60 over 3: " + plainLimits);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> send(Stack.GATEWAY, limited, null, video(0)).headers()
                        .firstValue("X-RateLimit-Limit").orElse("").equals("60")
                        && send(Stack.GATEWAY, customer, "replicas-" + RUN + "-after", video(4)).statusCode() == 200);
        for (String replica : REPLICAS) {
            assertEquals("60", send(replica, limited, null, video(0)).headers().firstValue("X-RateLimit-Limit")
                    .orElseThrow(), replica + " uses the shared bucket again");
        }
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        // Charged: the request before the outage and the one after it; nothing in between ran.
        assertEquals(998, Stack.credits(customer), "one charge per Idempotency-Key that ran, none twice");
    }

    private static void plan(Customer customer, int perMinute, int burst) {
        RestAssured.given().baseUri(Stack.BILLING).header("Authorization", "Bearer " + Stack.adminToken())
                .contentType(ContentType.JSON).body(Map.of("requests_per_minute", perMinute, "burst", burst))
                .put("/admin/v1/accounts/" + customer.accountId() + "/plan").then().statusCode(200);
    }

    private static String video(int kind) {
        return kind == 0 ? "7396888120245563187" : "7399" + RUN + String.format("%09d", kind * 1000 + (int) (Math.random() * 1000));
    }

    private static int pageFetches(String video) {
        Integer count = RestAssured.given().baseUri(Stack.STANDIN).get("/__standin/stats").then().statusCode(200)
                .extract().jsonPath().get("pages.'" + video + "'");
        return count == null ? 0 : count;
    }

    private static HttpResponse<String> send(String base, Customer customer, String idempotencyKey, String video) {
        try {
            return HTTP.send(request(base, customer, idempotencyKey, video), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("no answer from " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static HttpRequest request(String base, Customer customer, String idempotencyKey, String video) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/tiktok/subtitle"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("API-KEY", customer.key())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"url\":\"https://www.tiktok.com/@replicas/video/" + video + "\",\"format\":\"txt\"}"));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }

    private static void standinDelay(int millis) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Stack.STANDIN + "/__standin/faults"));
        request = millis == 0 ? request.DELETE()
                : request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"delay_ms\": " + millis + "}"));
        HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void shell(String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command).inheritIO().start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command);
        assertEquals(0, process.exitValue(), command);
    }
}

package com.tikneuron.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.tikneuron.e2e.Stack.Customer;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Two replicas of a paid service on one database: the stack's own and a second one this test starts from the same
 * jar, with the stack's database, settlements topic, billing and subtitle-service. The same uncached request sent to
 * both at once is paid once: one answer is fresh and charged, the other {@code cached: true} and free, and billing
 * records exactly one captured hold. Requests go to the services directly, as the gateway would send them.
 */
class CapabilityReplicasTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Path JARS = Path.of(System.getProperty("tikneuron.e2e.jars-root", "."));
    private static final String DB_NAME = System.getProperty("tikneuron.e2e.db-name", "tikneuron_e2e");
    private static final String TOPIC = System.getProperty("tikneuron.e2e.settlements-topic", "billing.settlements");
    /** The gateway's port is the stack's base: summary-service is base+2, diarization-service base+3, billing base+4. */
    private static final int BASE = URI.create(Stack.GATEWAY).getPort();
    private static final String CONVERSATION_ID = "7354861484037524768";
    private static final List<Process> REPLICAS = new ArrayList<>();

    @AfterAll
    static void stopReplicas() throws InterruptedException {
        for (Process replica : REPLICAS) {
            replica.destroy();
            if (!replica.waitFor(30, TimeUnit.SECONDS)) {
                replica.destroyForcibly();
            }
        }
    }

    @Test
    void summaryServiceReplicasPayOnceForTheSameUncachedRequest() throws Exception {
        int second = startReplica("summary-service", 30);
        String video = "7399" + String.format("%015d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));
        Map<String, Object> body = Map.of("url", "https://www.tiktok.com/@loadtest/video/" + video, "summary_type", "bulletpoint");

        paidOnce("summary", "/api/v1/tiktok/summarize", body, BASE + 2, second, 2, "summary");
    }

    @Test
    void diarizationServiceReplicasPayOnceForTheSameUncachedRequest() throws Exception {
        int second = startReplica("diarization-service", 31);
        // The stand-in has one video with speech; other tests may have diarized it, so its cached turns are forgotten
        // before (and after, for the tests that expect a first diarization).
        forgetDiarization();
        try {
            Map<String, Object> body = Map.of("url", "https://www.tiktok.com/@cookwithmara/video/" + CONVERSATION_ID,
                    "format", "txt");
            paidOnce("diarization", "/api/v1/tiktok/diarization", body, BASE + 3, second, 10, "transcription_content");
        } finally {
            forgetDiarization();
        }
    }

    private static void paidOnce(String capability, String path, Map<String, Object> body, int firstPort, int secondPort,
            int price, String contentField) throws Exception {
        Customer customer = Stack.customer(100);
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Response> one = CompletableFuture.supplyAsync(() -> post(start, firstPort, path, customer, body));
        CompletableFuture<Response> other = CompletableFuture.supplyAsync(() -> post(start, secondPort, path, customer, body));
        start.countDown();
        Response first = one.get(5, TimeUnit.MINUTES);
        Response second = other.get(5, TimeUnit.MINUTES);

        assertEquals(200, first.statusCode(), first.asString());
        assertEquals(200, second.statusCode(), second.asString());
        List<Response> answers = List.of(first, second);
        List<Response> fresh = answers.stream().filter(answer -> !answer.jsonPath().getBoolean("cached")).toList();
        List<Response> cached = answers.stream().filter(answer -> answer.jsonPath().getBoolean("cached")).toList();
        assertEquals(1, fresh.size(), "exactly one replica did the work: " + first.asString() + " / " + second.asString());
        assertEquals(1, cached.size());
        assertEquals(String.valueOf(price), fresh.get(0).header("X-Credits-Charged"));
        assertEquals("0", cached.get(0).header("X-Credits-Charged"));
        assertEquals(fresh.get(0).jsonPath().getString(contentField), cached.get(0).jsonPath().getString(contentField));

        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(100 - price, Stack.credits(customer), "one hold captured, none other");
        List<Map<String, Object>> usage = await().atMost(SETTLE).until(() -> usage(customer), entries -> entries.size() >= 2);
        assertEquals(2, usage.size(), usage.toString());
        assertEquals(1, usage.stream().filter(entry -> "charged".equals(entry.get("status"))
                && Integer.valueOf(price).equals(entry.get("credits"))).count(), usage.toString());
        assertEquals(1, usage.stream().filter(entry -> "free-cached".equals(entry.get("status"))).count(), usage.toString());
        assertTrue(usage.stream().allMatch(entry -> capability.equals(entry.get("capability"))), usage.toString());
    }

    private static Response post(CountDownLatch start, int port, String path, Customer customer, Map<String, Object> body) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return given().baseUri("http://127.0.0.1:" + port)
                .header("X-Account-Id", customer.accountId())
                .header("X-Key-Mode", "live")
                .header("X-Call-Id", "call_" + UUID.randomUUID().toString().replace("-", ""))
                .header(Stack.SERVICE_CREDENTIAL_HEADER, Stack.serviceCredential())
                .contentType(ContentType.JSON).body(body)
                .post(path);
    }

    private static List<Map<String, Object>> usage(Customer customer) {
        JsonPath page = given().baseUri(Stack.BILLING).header(Stack.SERVICE_CREDENTIAL_HEADER, Stack.serviceCredential())
                .queryParam("limit", 100)
                .get("/internal/v1/accounts/" + customer.accountId() + "/usage")
                .then().statusCode(200).extract().jsonPath();
        return page.getList("data");
    }

    /**
     * Starts a second replica of the service from the stack's jar on port base+offset (management base+100+offset),
     * configured as stack.sh configures the first, and waits until it is ready.
     */
    private static int startReplica(String service, int offset) throws IOException {
        int port = BASE + offset;
        int management = BASE + 100 + offset;
        File log = Files.createDirectories(Path.of("target")).toAbsolutePath().resolve("replica-" + service + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx384m", "-jar", JARS.resolve(service).resolve("target/quarkus-app/quarkus-run.jar").toString())
                // From the tree's root, as stack.sh starts the services: relative paths (the speech model) resolve alike.
                .directory(JARS.toFile()).redirectErrorStream(true).redirectOutput(log);
        Map<String, String> env = builder.environment();
        env.putAll(new HashMap<>(Map.of(
                "TIKNEURON_HTTP_PORT", String.valueOf(port),
                "TIKNEURON_MANAGEMENT_PORT", String.valueOf(management),
                "TIKNEURON_SERVICE_CREDENTIAL", Stack.serviceCredential(),
                "TIKNEURON_DB_NAME", DB_NAME,
                "TIKNEURON_SETTLEMENTS_TOPIC", TOPIC,
                "TIKNEURON_BILLING_URL", "http://127.0.0.1:" + (BASE + 4),
                "TIKNEURON_SUBTITLE_URL", "http://127.0.0.1:" + (BASE + 1),
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false")));
        Process replica = builder.start();
        REPLICAS.add(replica);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!replica.isAlive()) {
                throw new IllegalStateException(service + " replica stopped while starting; log: " + log);
            }
            try {
                return given().get("http://127.0.0.1:" + management + "/q/health/ready").statusCode() == 200;
            } catch (Exception notYet) {
                return false;
            }
        });
        return port;
    }

    private static void forgetDiarization() throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + System.getenv().getOrDefault("TIKNEURON_DB_PORT", "5432") + "/" + DB_NAME, "postgres", "");
                PreparedStatement delete = db.prepareStatement("DELETE FROM diarization.diarizations WHERE video_id = ?")) {
            delete.setString(1, CONVERSATION_ID);
            delete.executeUpdate();
        }
    }
}

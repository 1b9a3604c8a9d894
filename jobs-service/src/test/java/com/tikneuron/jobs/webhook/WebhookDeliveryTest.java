package com.tikneuron.jobs.webhook;

import static com.tikneuron.jobs.testing.Api.as;
import static com.tikneuron.jobs.testing.Api.newAccount;
import static com.tikneuron.jobs.testing.Api.video;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;
import com.tikneuron.jobs.rest.JobResourceTestAccess;
import com.tikneuron.jobs.testing.FakeCapabilitiesResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** A receiver that checks every signature as docs/API.md tells customers to, and refuses the first two deliveries. */
@QuarkusTest
@QuarkusTestResource(FakeCapabilitiesResource.class)
@TestProfile(WebhookDeliveryTest.LocalWebhooks.class)
class WebhookDeliveryTest {

    /** The local-testing setting on: plain http to loopback. */
    public static class LocalWebhooks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tikneuron.jobs.webhooks.allow-local", "true");
        }
    }

    private record Delivery(String eventId, String signature, String body, boolean signatureValid, int answered) {
    }

    private HttpServer receiver;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger received = new AtomicInteger();
    private volatile String secret;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String signature = exchange.getRequestHeaders().getFirst("TikNeuron-Signature");
            boolean valid = verify(secret, signature, body);
            int status = !valid ? 400 : received.incrementAndGet() <= 2 ? 500 : 204;
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("TikNeuron-Event-Id"), signature, body,
                    valid, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    // The documented check: t and v1 from the header, HMAC-SHA256 of "<t>.<body>" under the secret, compared in
    // constant time, and t within five minutes of now.
    static boolean verify(String secret, String header, String body) {
        if (header == null || secret == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] pair = part.split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                t = pair[1];
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                v1 = pair[1];
            }
        }
        if (t == null || v1 == null || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aWebhookRefusedTwiceIsDeliveredOnTheThirdAttemptWithEverySignatureValid() {
        String account = newAccount();
        secret = as(account).post("/api/v1/webhooks/secret").then().statusCode(201).extract().path("secret");
        assertTrue(secret.startsWith("whsec_"));
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        String id = JobResourceTestAccess.submit(account, "{\"type\":\"subtitle\",\"input\":{\"url\":\""
                + video(JobResourceTestAccess.newVideo()) + "\",\"format\":\"raw\"},\"webhook_url\":\"" + url
                + "\",\"metadata\":{\"campaign\":\"q2\"}}");
        JobResourceTestAccess.awaitFinal(account, id);

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.size() >= 3);
        assertEquals(3, deliveries.size());
        assertTrue(deliveries.stream().allMatch(Delivery::signatureValid), "every signature verifies");
        assertEquals(List.of(500, 500, 204), deliveries.stream().map(Delivery::answered).toList());
        assertEquals(1, deliveries.stream().map(Delivery::eventId).distinct().count(), "one event, retried");
        JsonPath event = new JsonPath(deliveries.get(2).body());
        assertEquals("job.completed", event.getString("type"));
        assertEquals(id, event.getString("data.id"));
        assertEquals("q2", event.getString("data.metadata.campaign"));
        assertEquals(deliveries.get(2).eventId(), event.getString("id"));
        assertTrue(!verify("whsec_wrong", deliveries.get(2).signature(), deliveries.get(2).body()));

        JsonPath job = await().atMost(Duration.ofSeconds(10)).until(
                () -> as(account).get("/api/v1/jobs/" + id).then().extract().jsonPath(),
                found -> found.getList("webhook_attempts").size() == 3);
        assertEquals(List.of(500, 500, 204), job.getList("webhook_attempts.status_code"));
        assertEquals(List.of(false, false, true), job.getList("webhook_attempts.delivered"));
        assertEquals(List.of(1, 2, 3), job.getList("webhook_attempts.attempt"));
    }
}

package com.tikneuron.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The stand-in refuses a caller without the service credential as billing does, and serves one that presents it. */
class BillingStandInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BillingStandIn billing;

    @BeforeEach
    void start() {
        billing = new BillingStandIn();
    }

    @AfterEach
    void stop() {
        billing.stop();
    }

    @Test
    void aHoldWithoutTheCredentialIs401WithBillingsBodyAndReservesNothing() throws Exception {
        String account = UUID.randomUUID().toString();
        billing.balance(account, 5);

        HttpResponse<String> refused = hold(account, null, "req_missing-credential");

        assertRefused(refused, "req_missing-credential");
        assertEquals(201, hold(account, ServiceCredentialForTests.VALUE, null).statusCode());
        assertEquals(3, JSON.readTree(hold(account, ServiceCredentialForTests.VALUE, null).body()).path("credits")
                .asInt(), "the refused hold reserved nothing: two holds of 1 leave 3 of 5");
    }

    @Test
    void aWrongOrEmptyCredentialIs401OnEveryRoute() throws Exception {
        String key = "tn_live_" + UUID.randomUUID();
        String account = billing.activeKey(key);
        String wrong = "x".repeat(ServiceCredentialForTests.VALUE.length());
        String prefix = ServiceCredentialForTests.VALUE.substring(1);

        for (String credential : new String[] { wrong, prefix, "" }) {
            assertRefused(hold(account, credential, null), null);
            assertRefused(get("/internal/v1/keys/" + BillingStandIn.digest(key), credential), null);
            assertRefused(get("/internal/v1/accounts/" + account + "/balance", credential), null);
        }
        assertEquals(200, get("/internal/v1/keys/" + BillingStandIn.digest(key), ServiceCredentialForTests.VALUE)
                .statusCode());
    }

    @Test
    void anUnsafeRequestIdIsNotEchoed() throws Exception {
        HttpResponse<String> refused = hold(UUID.randomUUID().toString(), null, "two words");

        assertRefused(refused, null);
        assertTrue(JSON.readTree(refused.body()).path("request_id").asText().startsWith("req_"), refused.body());
    }

    private static void assertRefused(HttpResponse<String> response, String requestId) throws IOException {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        JsonNode body = JSON.readTree(response.body());
        assertEquals("unauthorized", body.path("error_code").asText());
        assertEquals("This internal route needs the service credential.", body.path("message").asText());
        String echoed = body.path("request_id").asText();
        assertTrue(!echoed.isEmpty(), response.body());
        assertEquals(echoed, response.headers().firstValue("X-Request-Id").orElse(null));
        if (requestId != null) {
            assertEquals(requestId, echoed);
        }
    }

    private HttpResponse<String> hold(String account, String credential, String requestId)
            throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("hold_id", "summary:" + UUID.randomUUID()).put("account_id", account)
                .put("amount", 1).put("capability", "summary").toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(billing.baseUrl() + "/internal/v1/holds"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return send(request, credential);
    }

    private HttpResponse<String> get(String path, String credential) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(billing.baseUrl() + path)).GET(), credential);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String credential)
            throws IOException, InterruptedException {
        if (credential != null) {
            request.header(ServiceCredentialForTests.HEADER, credential);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

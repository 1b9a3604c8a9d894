package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.Seed;
import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The contract page's own curl, fetch and Python examples, sent as the page writes them with only the base URL
 * changed, get the documented bodies back; downstream services are played by fakes speaking their contracts.
 */
@QuarkusTest
@QuarkusTestResource(Downstream.class)
class SeedExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "tn_live_seed_examples_0001";

    private BillingStandIn billing;
    private String accountId;

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        billing = Downstream.billing();
        accountId = billing.activeKey(KEY);
    }

    static Stream<Arguments> seedExamples() {
        String[] curl = { "Content-Type", "application/json", "API-KEY", KEY, "User-Agent", "curl/8.5.0",
            "Accept", "*/*" };
        String[] fetch = { "Content-Type", "application/json", "API-KEY", KEY, "Accept", "*/*" };
        String[] python = { "Content-Type", "application/json", "API-KEY", KEY,
            "User-Agent", "python-requests/2.31.0", "Accept-Encoding", "gzip, deflate", "Accept", "*/*" };
        String subtitleSent = "{\"url\":\"" + Seed.VIDEO_URL + "\",\"format\":\"srt\"}";
        String summarySent = "{\"url\":\"" + Seed.VIDEO_URL + "\",\"summary_type\":\"bulletpoint\",\"language\":\"en\"}";
        return Stream.of(
                Arguments.of("curl", "subtitle", curl, Seed.CURL_SUBTITLE, subtitleSent, Seed.SUBTITLE_RESPONSE, "1"),
                Arguments.of("fetch", "subtitle", fetch, Seed.FETCH_SUBTITLE, subtitleSent, Seed.SUBTITLE_RESPONSE, "1"),
                Arguments.of("python", "subtitle", python, Seed.PYTHON_SUBTITLE, subtitleSent, Seed.SUBTITLE_RESPONSE,
                        "1"),
                Arguments.of("curl", "summarize", curl, Seed.CURL_SUMMARIZE, summarySent, Seed.SUMMARY_RESPONSE, "2"),
                Arguments.of("fetch", "summarize", fetch, Seed.FETCH_SUMMARIZE, summarySent, Seed.SUMMARY_RESPONSE, "2"),
                Arguments.of("python", "summarize", python, Seed.PYTHON_SUMMARIZE, summarySent, Seed.SUMMARY_RESPONSE,
                        "2"),
                Arguments.of("curl", "diarization", curl, Seed.CURL_DIARIZATION, subtitleSent,
                        Seed.DIARIZATION_RESPONSE, "10"),
                Arguments.of("fetch", "diarization", fetch, Seed.FETCH_SUBTITLE, subtitleSent,
                        Seed.DIARIZATION_RESPONSE, "10"),
                Arguments.of("python", "diarization", python, Seed.PYTHON_SUBTITLE, subtitleSent,
                        Seed.DIARIZATION_RESPONSE, "10"));
    }

    @ParameterizedTest(name = "{0} example for {1}")
    @MethodSource("seedExamples")
    void seedExampleGetsTheDocumentedBody(String client, String route, String[] headers, String body,
            String expectedForwarded, String documented, String price) throws Exception {
        FakeService service = service(route);
        service.answer(request -> Reply.json(200, documented)
                .withHeader("X-Credits-Charged", price)
                .withHeader("X-Credits-Remaining", "90"));

        HttpResponse<String> response = Http.post("/api/v1/tiktok/" + route, body, headers);

        assertEquals(200, response.statusCode());
        assertEquals(documented, response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals(price, response.headers().firstValue("X-Credits-Charged").orElseThrow());
        assertEquals("90", response.headers().firstValue("X-Credits-Remaining").orElseThrow());
        assertTrue(response.headers().firstValue("X-RateLimit-Limit").isPresent());
        assertTrue(response.headers().firstValue("X-RateLimit-Remaining").isPresent());
        assertTrue(response.headers().firstValue("X-RateLimit-Reset").isPresent());

        List<FakeService.Received> forwarded = service.received("/api/v1/tiktok/" + route);
        assertEquals(1, forwarded.size());
        FakeService.Received sent = forwarded.get(0);
        assertEquals("POST", sent.method());
        assertEquals(JSON.readTree(expectedForwarded), JSON.readTree(sent.body()));
        assertEquals(accountId, sent.header("X-Account-Id"));
        assertEquals("live", sent.header("X-Key-Mode"));
        assertEquals(Http.requestId(response), sent.header("X-Request-Id"));
        assertNull(sent.header("Idempotency-Key"));
        assertNull(sent.header("API-KEY"), "the customer's key never leaves the gateway");
    }

    @Test
    void missingOptionalFieldsAreForwardedWithTheContractDefaults() throws Exception {
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));
        Downstream.summary().answer(request -> Reply.json(200, Seed.SUMMARY_RESPONSE));

        Http.post("/api/v1/tiktok/subtitle", "{\"url\":\"" + Seed.VIDEO_URL + "\"}",
                "Content-Type", "application/json", "API-KEY", KEY);
        Http.post("/api/v1/tiktok/summarize", "{\"url\":\"" + Seed.VIDEO_URL + "\",\"extra\":{\"a\":1}}",
                "Content-Type", "application/json", "API-KEY", KEY);

        JsonNode subtitle = JSON.readTree(Downstream.subtitle().received().get(0).body());
        assertEquals("raw", subtitle.get("format").asText());
        JsonNode summary = JSON.readTree(Downstream.summary().received().get(0).body());
        assertEquals("bulletpoint", summary.get("summary_type").asText());
        assertEquals("en", summary.get("language").asText());
        assertEquals(1, summary.get("extra").get("a").asInt(), "unknown fields are passed on");
    }

    @Test
    void documentedInsufficientCreditsAnswerIsRelayedWith402() throws Exception {
        Downstream.diarization().answer(request -> Reply.json(402,
                "{\"error_code\":\"insufficient_credits\",\"message\":\"Insufficient credits\",\"request_id\":\""
                        + request.header("X-Request-Id") + "\"}").withHeader("X-Credits-Charged", "0"));

        HttpResponse<String> response = Http.post("/api/v1/tiktok/diarization", Seed.CURL_DIARIZATION,
                "Content-Type", "application/json", "API-KEY", KEY);

        assertEquals(402, response.statusCode());
        assertEquals("{\"error_code\":\"insufficient_credits\",\"message\":\"Insufficient credits\",\"request_id\":\""
                + Http.requestId(response) + "\"}", response.body());
        assertEquals("0", response.headers().firstValue("X-Credits-Charged").orElseThrow());
    }

    @Test
    void documentedNoSubtitleAnswerIsRelayedWith404AndGainsTheRequestId() {
        Downstream.subtitle().answer(request -> Reply.json(404,
                "{\"error_code\":\"no_subtitle_available\",\"message\":\"No subtitle available for this video\"}"));

        HttpResponse<String> response = Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE,
                "Content-Type", "application/json", "API-KEY", KEY);

        assertEquals(404, response.statusCode());
        assertEquals("{\"error_code\":\"no_subtitle_available\",\"message\":\"No subtitle available for this video\","
                + "\"request_id\":\"" + Http.requestId(response) + "\"}", response.body());
    }

    @Test
    void documentedProcessingFailedAnswerIsRelayedWith422() {
        String body = "{\"error_code\":\"processing_failed\",\"message\":\"Failed to process video: No subtitle "
                + "available for this video\",\"request_id\":\"req-processing-1\"}";
        Downstream.summary().answer(request -> Reply.json(422, body));

        HttpResponse<String> response = Http.post("/api/v1/tiktok/summarize", Seed.CURL_SUMMARIZE,
                "Content-Type", "application/json", "API-KEY", KEY, "X-Request-Id", "req-processing-1");

        assertEquals(422, response.statusCode());
        assertEquals(body, response.body());
        assertEquals("req-processing-1", Http.requestId(response));
    }

    @Test
    void seedExampleWithThePlaceholderKeyGetsTheDocumented401() {
        HttpResponse<String> response = Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE,
                "Content-Type", "application/json", "API-KEY", "your_api_key_here");

        assertEquals(401, response.statusCode());
        assertEquals("{\"success\":false,\"error\":\"Invalid API Key\",\"request_id\":\"" + Http.requestId(response)
                + "\"}", response.body());
        assertFalse(Downstream.subtitle().received().stream().findAny().isPresent());
    }

    private static FakeService service(String route) {
        return switch (route) {
            case "subtitle" -> Downstream.subtitle();
            case "summarize" -> Downstream.summary();
            default -> Downstream.diarization();
        };
    }
}

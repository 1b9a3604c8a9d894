package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

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
 * Test keys are answered by the gateway itself with sample content in the contract's shapes, marked as samples:
 * no capability service is called and billing is asked for nothing but the key.
 */
@QuarkusTest
@QuarkusTestResource(Downstream.class)
class TestKeyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEST_KEY = "tn_test_sample_answers_0001";
    private static final String LIVE_KEY = "tn_live_sample_answers_0001";
    private static final String OTHER_VIDEO = "https://www.tiktok.com/@cook.daily/video/7412345678901234567?lang=en";
    private static final List<String> LANGUAGES = List.of("en", "es", "id", "de", "fr", "da", "ar", "it");

    private BillingStandIn billing;

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        billing = Downstream.billing();
        billing.key(TEST_KEY, "test", "active");
        billing.activeKey(LIVE_KEY);
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));
        Downstream.summary().answer(request -> Reply.json(200, Seed.SUMMARY_RESPONSE));
        Downstream.diarization().answer(request -> Reply.json(200, Seed.DIARIZATION_RESPONSE));
    }

    @Test
    void subtitlesInEveryFormatAreSampleContentInTheContractShapeMarkedAsSample() throws Exception {
        JsonNode seed = JSON.readTree(Seed.SUBTITLE_RESPONSE);
        Set<String> contents = new HashSet<>();

        for (String format : List.of("raw", "srt", "vtt", "txt")) {
            HttpResponse<String> response = post(TEST_KEY, "subtitle",
                    "{\"url\":\"" + OTHER_VIDEO + "\",\"format\":\"" + format + "\"}");

            JsonNode body = assertSample(response, seed);
            assertEquals("7412345678901234567", body.get("video_id").asText(), "the id the URL names");
            assertEquals(format, body.get("format").asText());
            assertEquals("[\"raw\",\"srt\",\"vtt\",\"txt\"]", body.get("available_formats").toString());
            String content = body.get("subtitle_content").asText();
            contents.add(content);
            switch (format) {
                case "srt" -> assertTrue(content.startsWith("1\n00:00:00,"), content);
                case "vtt", "raw" -> assertTrue(content.startsWith("WEBVTT\n"), content);
                default -> assertFalse(content.contains("-->") || content.isBlank(), content);
            }
        }
        assertEquals(4, contents.size(), "each format has its own rendering");
        assertNothingReachedAServiceOrBillingBeyondTheKeyLookup();
    }

    @Test
    void summariesAreSampleContentInTheRequestedLanguageAndType() throws Exception {
        JsonNode seed = JSON.readTree(Seed.SUMMARY_RESPONSE);
        Set<String> bulletpoints = new HashSet<>();
        Set<String> paragraphs = new HashSet<>();

        for (String language : LANGUAGES) {
            for (String type : List.of("bulletpoint", "textual")) {
                JsonNode body = assertSample(post(TEST_KEY, "summarize", "{\"url\":\"" + Seed.VIDEO_URL
                        + "\",\"summary_type\":\"" + type + "\",\"language\":\"" + language + "\"}"), seed);
                assertEquals("7354861484037524768", body.get("video_id").asText());
                assertEquals(language, body.get("language").asText());
                assertEquals(type, body.get("summary_type").asText());
                String summary = body.get("summary").asText();
                if (type.equals("bulletpoint")) {
                    assertTrue(summary.lines().allMatch(line -> line.startsWith("- ")), summary);
                    bulletpoints.add(summary);
                } else {
                    assertFalse(summary.startsWith("- ") || summary.isBlank(), summary);
                    paragraphs.add(summary);
                }
            }
        }
        assertEquals(LANGUAGES.size(), bulletpoints.size(), "a text of its own per language");
        assertEquals(LANGUAGES.size(), paragraphs.size(), "a text of its own per language");
        assertNothingReachedAServiceOrBillingBeyondTheKeyLookup();
    }

    @Test
    void summaryDefaultsAndTheStructuredTypeAreAnsweredLikeTheService() throws Exception {
        JsonNode defaults = assertSample(post(TEST_KEY, "summarize", "{\"url\":\"" + Seed.VIDEO_URL + "\"}"),
                JSON.readTree(Seed.SUMMARY_RESPONSE));
        assertEquals("bulletpoint", defaults.get("summary_type").asText());
        assertEquals("en", defaults.get("language").asText());

        HttpResponse<String> response = post(TEST_KEY, "summarize",
                "{\"url\":\"" + Seed.VIDEO_URL + "\",\"summary_type\":\"structured\",\"language\":\"de\"}");
        JsonNode structured = JSON.readTree(response.body()).get("summary");
        assertEquals(200, response.statusCode());
        assertEquals(List.of("tldr", "takeaways", "sentiment", "cta"), names(structured));
        assertTrue(structured.get("takeaways").isArray() && !structured.get("takeaways").isEmpty());
        assertNothingReachedAServiceOrBillingBeyondTheKeyLookup();
    }

    @Test
    void diarizationInEveryFormatIsSampleContentWithSpeakers() throws Exception {
        JsonNode seed = JSON.readTree(Seed.DIARIZATION_RESPONSE);

        for (String format : List.of("raw", "srt", "vtt", "txt")) {
            JsonNode body = assertSample(post(TEST_KEY, "diarization",
                    "{\"url\":\"https://vm.tiktok.com/ZMabc123/\",\"format\":\"" + format + "\"}"), seed);

            assertEquals("7354861484037524768", body.get("video_id").asText(), "a short link names no id");
            assertEquals(format, body.get("format").asText());
            String content = body.get("transcription_content").asText();
            switch (format) {
                case "raw" -> {
                    JsonNode segments = JSON.readTree(content);
                    assertTrue(segments.isArray() && segments.size() > 1, content);
                    assertEquals(List.of("speaker", "start", "end", "text", "words"), names(segments.get(0)));
                }
                case "srt" -> assertTrue(content.startsWith("1\n00:00:00,000 --> ") && content.contains("Speaker B: "));
                case "vtt" -> assertTrue(content.startsWith("WEBVTT\n") && content.contains("<v Speaker A>"));
                default -> assertTrue(content.lines().allMatch(line -> line.matches("Speaker [A-Z]: .+")), content);
            }
        }
        assertNothingReachedAServiceOrBillingBeyondTheKeyLookup();
    }

    @Test
    void validationErrorsForATestKeyAreTheSameAnswersAsForALiveKey() {
        String[][] requests = {
            { "subtitle", "{\"url\":\"https://example.com/video/1\",\"format\":\"docx\"}", "application/json" },
            { "summarize", "{\"summary_type\":\"haiku\",\"language\":\"xx\"}", "application/json" },
            { "diarization", "{\"url\":", "application/json" },
            { "subtitle", Seed.CURL_SUBTITLE, "text/plain" },
        };

        for (String[] request : requests) {
            HttpResponse<String> test = Http.post("/api/v1/tiktok/" + request[0], request[1], "Content-Type",
                    request[2], "API-KEY", TEST_KEY, "X-Request-Id", "req-validation-1");
            HttpResponse<String> live = Http.post("/api/v1/tiktok/" + request[0], request[1], "Content-Type",
                    request[2], "API-KEY", LIVE_KEY, "X-Request-Id", "req-validation-1");

            assertTrue(test.statusCode() >= 400 && test.statusCode() < 500, test.body());
            assertEquals(live.statusCode(), test.statusCode(), request[1]);
            assertEquals(live.body(), test.body());
            assertTrue(test.headers().firstValue("X-TikNeuron-Sample").isEmpty());
        }
        assertNothingReachedAServiceOrBillingBeyondTheKeyLookup();
    }

    @Test
    void idempotencyKeyReplaysASampleAndRefusesItWithAnotherBody() {
        HttpResponse<String> first = post(TEST_KEY, "subtitle", Seed.CURL_SUBTITLE, "Idempotency-Key", "sample-idem-1");
        HttpResponse<String> replay = post(TEST_KEY, "subtitle", Seed.FETCH_SUBTITLE, "Idempotency-Key", "sample-idem-1");
        HttpResponse<String> other = post(TEST_KEY, "subtitle",
                "{\"url\":\"" + Seed.VIDEO_URL + "\",\"format\":\"vtt\"}", "Idempotency-Key", "sample-idem-1");

        assertEquals(200, first.statusCode());
        assertTrue(first.headers().firstValue("Idempotent-Replayed").isEmpty());
        assertEquals(200, replay.statusCode());
        assertEquals(first.body(), replay.body());
        assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElseThrow());
        assertEquals("true", replay.headers().firstValue("X-TikNeuron-Sample").orElseThrow());
        assertEquals("0", replay.headers().firstValue("X-Credits-Charged").orElseThrow());
        assertEquals(422, other.statusCode());
        assertTrue(other.body().contains("\"error_code\":\"idempotency_key_reused\""), other.body());
        assertNothingReachedAServiceOrBillingBeyondTheKeyLookup();
    }

    @Test
    void liveKeyOfTheSameAccountIsNeverGivenASampleStoredUnderTheSameIdempotencyKey() throws Exception {
        String testKey = "tn_test_shared_account_0001";
        String liveKey = "tn_live_shared_account_0001";
        billing.key(testKey, "test", "active", billing.activeKey(liveKey));

        HttpResponse<String> sample = post(testKey, "subtitle", Seed.CURL_SUBTITLE, "Idempotency-Key", "shared-idem-1");
        HttpResponse<String> live = post(liveKey, "subtitle", Seed.CURL_SUBTITLE, "Idempotency-Key", "shared-idem-1");

        assertEquals("true", sample.headers().firstValue("X-TikNeuron-Sample").orElseThrow());
        assertEquals(200, live.statusCode());
        assertTrue(live.headers().firstValue("X-TikNeuron-Sample").isEmpty());
        assertTrue(live.headers().firstValue("Idempotent-Replayed").isEmpty());
        assertEquals(JSON.readTree(Seed.SUBTITLE_RESPONSE), JSON.readTree(live.body()));
        assertEquals(1, Downstream.subtitle().received().size());
    }

    private static void assertNothingReachedAServiceOrBillingBeyondTheKeyLookup() {
        assertEquals(List.of(), Downstream.subtitle().received());
        assertEquals(List.of(), Downstream.summary().received());
        assertEquals(List.of(), Downstream.diarization().received());
        assertTrue(Downstream.billing().received().stream()
                .allMatch(request -> request.path().startsWith("/internal/v1/keys/")),
                "billing was asked only for keys: " + Downstream.billing().received());
    }

    // A 200 marked as a sample, nothing charged, with every field of the contract's body and of the same JSON type.
    private static JsonNode assertSample(HttpResponse<String> response, JsonNode seed) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("true", response.headers().firstValue("X-TikNeuron-Sample").orElseThrow());
        assertEquals("0", response.headers().firstValue("X-Credits-Charged").orElseThrow());
        assertTrue(response.headers().firstValue("X-Credits-Remaining").isEmpty());
        assertTrue(response.headers().firstValue("X-RateLimit-Remaining").isPresent());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        List<String> names = names(body);
        assertEquals(names(seed), names.subList(0, seed.size()), "the contract's fields first, in its order");
        seed.properties().forEach(field -> assertEquals(field.getValue().getNodeType(),
                body.get(field.getKey()).getNodeType(), field.getKey()));
        assertFalse(body.get("cached").asBoolean());
        assertTrue(body.get("sample").asBoolean());
        return body;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    private static HttpResponse<String> post(String key, String route, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Content-Type", "application/json", "API-KEY", key));
        all.addAll(List.of(headers));
        return Http.post("/api/v1/tiktok/" + route, body, all.toArray(String[]::new));
    }
}

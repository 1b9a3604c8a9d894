package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.Seed;
import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every error body of the public API, pinned byte for byte (request_id taken from the response header). */
@QuarkusTest
@QuarkusTestResource(Downstream.class)
class ErrorBodiesTest {

    private static final String KEY = "tn_live_error_bodies_0001";
    private static final String JSON = "application/json";

    private BillingStandIn billing;

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        billing = Downstream.billing();
        billing.activeKey(KEY);
    }

    @Test
    void missingKeyGetsTheContract401() {
        HttpResponse<String> response = Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE,
                "Content-Type", JSON);

        assertEquals(401, response.statusCode());
        assertEquals(invalidKey(response), response.body());
    }

    @Test
    void unknownKeyGetsTheContract401() {
        HttpResponse<String> response = Http.post("/api/v1/tiktok/summarize", Seed.CURL_SUMMARIZE,
                "Content-Type", JSON, "API-KEY", "tn_live_nobody_has_this_key");

        assertEquals(401, response.statusCode());
        assertEquals(invalidKey(response), response.body());
    }

    @Test
    void revokedKeyGetsTheContract401() {
        billing.key("tn_live_revoked_0001", "live", "revoked");

        HttpResponse<String> response = Http.post("/api/v1/tiktok/diarization", Seed.CURL_DIARIZATION,
                "Content-Type", JSON, "API-KEY", "tn_live_revoked_0001");

        assertEquals(401, response.statusCode());
        assertEquals(invalidKey(response), response.body());
        assertTrue(Downstream.diarization().received().isEmpty());
    }

    @Test
    void bearerKeyIsAcceptedLikeTheApiKeyHeader() {
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));

        HttpResponse<String> response = Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE,
                "Content-Type", JSON, "Authorization", "Bearer " + KEY);

        assertEquals(200, response.statusCode());
        assertEquals(Seed.SUBTITLE_RESPONSE, response.body());
    }

    @Test
    void invalidUrlAndFormatAreBothReportedAsOnThePage() {
        HttpResponse<String> response = Http.post("/api/v1/tiktok/subtitle",
                "{\"url\":\"https://www.tiktok.com.evil.net/@u/video/7354861484037524768\",\"format\":\"pdf\"}",
                "Content-Type", JSON, "API-KEY", KEY);

        assertEquals(422, response.statusCode());
        assertEquals("{\"message\":\"The given data was invalid.\",\"errors\":{\"url\":[\"Please provide a valid "
                + "TikTok URL.\"],\"format\":[\"Format must be one of: raw, srt, vtt, txt.\"]},\"request_id\":\""
                + Http.requestId(response) + "\"}", response.body());
        assertTrue(Downstream.subtitle().received().isEmpty(), "validation happens before any downstream call");
    }

    @Test
    void missingUrlAndBadSummaryTypeAndLanguageAreReportedInFieldOrder() {
        HttpResponse<String> response = Http.post("/api/v1/tiktok/summarize",
                "{\"language\":\"xx\",\"summary_type\":\"haiku\"}", "Content-Type", JSON, "API-KEY", KEY);

        assertEquals(422, response.statusCode());
        assertEquals("{\"message\":\"The given data was invalid.\",\"errors\":{\"url\":[\"The url field is "
                + "required.\"],\"summary_type\":[\"Summary type must be one of: bulletpoint, textual.\"],"
                + "\"language\":[\"Language must be one of: en, es, id, de, fr, da, ar, it.\"]},\"request_id\":\""
                + Http.requestId(response) + "\"}", response.body());
    }

    @Test
    void wrongTypesAreInvalidValuesNotServerErrors() {
        HttpResponse<String> response = Http.post("/api/v1/tiktok/diarization",
                "{\"url\":12345,\"format\":[\"srt\"]}", "Content-Type", JSON, "API-KEY", KEY);

        assertEquals(422, response.statusCode());
        assertEquals("{\"message\":\"The given data was invalid.\",\"errors\":{\"url\":[\"Please provide a valid "
                + "TikTok URL.\"],\"format\":[\"Format must be one of: raw, srt, vtt, txt.\"]},\"request_id\":\""
                + Http.requestId(response) + "\"}", response.body());
    }

    @Test
    void malformedJsonGets400() {
        HttpResponse<String> response = Http.post("/api/v1/tiktok/subtitle", "{\"url\": ",
                "Content-Type", JSON, "API-KEY", KEY);

        assertEquals(400, response.statusCode());
        assertEquals(error("invalid_json", "The request body is not valid JSON.", response), response.body());
    }

    @Test
    void jsonThatIsNotAnObjectGets400() {
        HttpResponse<String> response = Http.post("/api/v1/tiktok/subtitle", "[\"" + Seed.VIDEO_URL + "\"]",
                "Content-Type", JSON, "API-KEY", KEY);

        assertEquals(400, response.statusCode());
        assertEquals(error("invalid_json", "The request body must be a JSON object.", response), response.body());
    }

    @Test
    void wrongContentTypeGets415() {
        HttpResponse<String> response = Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE,
                "Content-Type", "text/plain", "API-KEY", KEY);

        assertEquals(415, response.statusCode());
        assertEquals(error("unsupported_media_type",
                "The request body must be JSON, sent with Content-Type: application/json.", response),
                response.body());
    }

    @Test
    void declaredBodyOver64KiBGets413BeforeItIsRead() {
        String huge = "{\"url\":\"" + "a".repeat(70_000) + "\"}";

        HttpResponse<String> response = Http.post("/api/v1/tiktok/subtitle", huge,
                "Content-Type", JSON, "API-KEY", KEY);

        assertEquals(413, response.statusCode());
        assertEquals(error("payload_too_large", "The request body must not exceed 65536 bytes.", response),
                response.body());
    }

    @Test
    void chunkedBodyOver64KiBGets413() {
        byte[] huge = ("{\"url\":\"" + "a".repeat(70_000) + "\"}").getBytes();
        HttpRequest request = Http.request("/api/v1/tiktok/subtitle", "Content-Type", JSON, "API-KEY", KEY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();

        HttpResponse<String> response = Http.send(request);

        assertEquals(413, response.statusCode());
        assertEquals(error("payload_too_large", "The request body must not exceed 65536 bytes.", response),
                response.body());
    }

    @Test
    void malformedIdempotencyKeyGets400() {
        HttpResponse<String> response = Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE,
                "Content-Type", JSON, "API-KEY", KEY, "Idempotency-Key", "x".repeat(300));

        assertEquals(400, response.statusCode());
        assertEquals(error("invalid_idempotency_key",
                "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces.", response),
                response.body());
    }

    @Test
    void failingCapabilityServiceGets503() {
        Downstream.summary().answer(request -> Reply.json(500, "{\"oops\":true}"));

        HttpResponse<String> response = Http.post("/api/v1/tiktok/summarize", Seed.CURL_SUMMARIZE,
                "Content-Type", JSON, "API-KEY", KEY);

        assertEquals(503, response.statusCode());
        assertEquals(error("service_unavailable",
                "The summary-service is temporarily unavailable. Please retry later.", response), response.body());
    }

    @Test
    void unknownRouteAndWrongMethodGetJsonErrors() {
        HttpResponse<String> notFound = Http.get("/api/v1/tiktok/nothing", "API-KEY", KEY);
        HttpResponse<String> wrongMethod = Http.get("/api/v1/tiktok/subtitle", "API-KEY", KEY);

        assertEquals(404, notFound.statusCode());
        assertEquals(error("not_found", "Not Found.", notFound), notFound.body());
        assertEquals(405, wrongMethod.statusCode());
        assertEquals(error("method_not_allowed", "Method Not Allowed.", wrongMethod), wrongMethod.body());
    }

    @Test
    void everyResponseCarriesARequestIdAndACallersSafeIdIsEchoed() {
        HttpResponse<String> response = Http.post("/api/v1/tiktok/subtitle", "{}", "Content-Type", JSON,
                "X-Request-Id", "req-from-client-42");

        assertEquals("req-from-client-42", Http.requestId(response));
        assertEquals("{\"success\":false,\"error\":\"Invalid API Key\",\"request_id\":\"req-from-client-42\"}",
                response.body());
    }

    private static String invalidKey(HttpResponse<String> response) {
        return "{\"success\":false,\"error\":\"Invalid API Key\",\"request_id\":\"" + Http.requestId(response) + "\"}";
    }

    private static String error(String code, String message, HttpResponse<String> response) {
        return "{\"error_code\":\"" + code + "\",\"message\":\"" + message + "\",\"request_id\":\""
                + Http.requestId(response) + "\"}";
    }
}

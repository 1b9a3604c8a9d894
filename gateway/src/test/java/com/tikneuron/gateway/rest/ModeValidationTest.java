package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.JobsDownstream;
import com.tikneuron.gateway.testing.Seed;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code mode} (native | generate | auto) on /subtitle and /summarize: checked like the contract's other enumerated
 * fields, forwarded as sent, and never added to a body that did not carry it.
 */
@QuarkusTest
@QuarkusTestResource(Downstream.class)
@QuarkusTestResource(JobsDownstream.class)
class ModeValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "tn_live_mode_validation_0001";
    private static final String TYPE = "application/json";

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        JobsDownstream.jobs().reset();
        Downstream.billing().activeKey(KEY);
        JobsDownstream.jobs().answer(request -> Reply.json(202, "{\"id\":\"job_0123456789abcdef0123456789abcdef\","
                + "\"object\":\"job\",\"status\":\"queued\"}"));
    }

    @Test
    void anUnknownModeOnSubtitleGetsTheContractsValidationBody() {
        HttpResponse<String> response = Http.post("/api/v1/tiktok/subtitle",
                "{\"url\":\"" + Seed.VIDEO_URL + "\",\"format\":\"pdf\",\"mode\":\"whisper\"}", "Content-Type", TYPE,
                "API-KEY", KEY);

        assertEquals(422, response.statusCode());
        assertEquals("{\"message\":\"The given data was invalid.\",\"errors\":{\"format\":[\"Format must be one of: raw, "
                + "srt, vtt, txt.\"],\"mode\":[\"Mode must be one of: native, generate, auto.\"]},\"request_id\":\""
                + Http.requestId(response) + "\"}", response.body());
        assertTrue(Downstream.subtitle().received().isEmpty(), "validation happens before any downstream call");
    }

    @Test
    void aModeThatIsNotAStringOnSummarizeIsAnInvalidValue() throws Exception {
        HttpResponse<String> response = Http.post("/api/v1/tiktok/summarize",
                "{\"url\":\"" + Seed.VIDEO_URL + "\",\"mode\":[\"auto\"]}", "Content-Type", TYPE, "API-KEY", KEY);

        assertEquals(422, response.statusCode());
        JsonNode errors = JSON.readTree(response.body()).path("errors");
        assertEquals("Mode must be one of: native, generate, auto.", errors.path("mode").path(0).asText());
        assertEquals(1, errors.size());
        assertTrue(Downstream.summary().received().isEmpty());
    }

    @Test
    void aKnownModeIsForwardedAsSent() throws Exception {
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));
        Downstream.summary().answer(request -> Reply.json(200, Seed.SUMMARY_RESPONSE));

        for (String mode : new String[] {"native", "generate", "auto"}) {
            assertEquals(200, Http.post("/api/v1/tiktok/subtitle", "{\"url\":\"" + Seed.VIDEO_URL + "\",\"mode\":\""
                    + mode + "\"}", "Content-Type", TYPE, "API-KEY", KEY).statusCode());
            assertEquals(200, Http.post("/api/v1/tiktok/summarize", "{\"url\":\"" + Seed.VIDEO_URL + "\",\"mode\":\""
                    + mode + "\"}", "Content-Type", TYPE, "API-KEY", KEY).statusCode());
        }

        assertEquals(3, Downstream.subtitle().received().size());
        for (int i = 0; i < 3; i++) {
            String sent = new String[] {"native", "generate", "auto"}[i];
            assertEquals(sent, JSON.readTree(Downstream.subtitle().received().get(i).body()).path("mode").asText());
            assertEquals(sent, JSON.readTree(Downstream.summary().received().get(i).body()).path("mode").asText());
        }
    }

    @Test
    void aBodyWithoutModeIsForwardedWithoutOne() throws Exception {
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));

        HttpResponse<String> response = Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE, "Content-Type", TYPE,
                "API-KEY", KEY);

        assertEquals(200, response.statusCode());
        assertEquals(Seed.SUBTITLE_RESPONSE, response.body());
        JsonNode forwarded = JSON.readTree(Downstream.subtitle().received().get(0).body());
        assertFalse(forwarded.has("mode"), "requests without mode reach the service as they did before it existed");
    }

    @Test
    void aJobsInputIsCheckedForItsModeToo() throws Exception {
        HttpResponse<String> refused = Http.post("/api/v1/jobs", "{\"type\":\"summarize\",\"input\":{\"url\":\""
                + Seed.VIDEO_URL + "\",\"mode\":\"always\"}}", "API-KEY", KEY, "Content-Type", TYPE);
        assertEquals(422, refused.statusCode());
        assertEquals("Mode must be one of: native, generate, auto.",
                JSON.readTree(refused.body()).path("errors").path("mode").path(0).asText());
        assertEquals(0, JobsDownstream.jobs().received().size());

        HttpResponse<String> accepted = Http.post("/api/v1/jobs", "{\"type\":\"subtitle\",\"input\":{\"url\":\""
                + Seed.VIDEO_URL + "\",\"mode\":\"auto\"}}", "API-KEY", KEY, "Content-Type", TYPE);
        assertEquals(202, accepted.statusCode());
        JsonNode input = JSON.readTree(JobsDownstream.jobs().received("/api/v1/jobs").get(0).body()).path("input");
        assertEquals("auto", input.path("mode").asText());
    }
}

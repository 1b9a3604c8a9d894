package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.Seed;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The diarization request's speaker-count hints: checked before anything is called, forwarded as sent. */
@QuarkusTest
@QuarkusTestResource(Downstream.class)
class SpeakerHintsTest {

    private static final String KEY = "tn_live_speaker_hints_0001";
    private static final String JSON = "application/json";
    private static final String URL = "\"url\":\"https://www.tiktok.com/@creator/video/7354861484037524768\"";

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        Downstream.billing().activeKey(KEY);
    }

    @Test
    void badHintsAreReportedWithTheOtherFieldsInTheContractsBody() {
        HttpResponse<String> response = post("{\"url\":\"nope\",\"format\":\"pdf\",\"speakers\":0,\"min_speakers\":\"2\","
                + "\"max_speakers\":21}");

        assertEquals(422, response.statusCode());
        assertEquals("{\"message\":\"The given data was invalid.\",\"errors\":{\"url\":[\"Please provide a valid "
                + "TikTok URL.\"],\"format\":[\"Format must be one of: raw, srt, vtt, txt.\"],\"speakers\":[\"Speakers "
                + "must be a whole number from 1 to 20.\"],\"min_speakers\":[\"Min speakers must be a whole number from 1 "
                + "to 20.\"],\"max_speakers\":[\"Max speakers must be a whole number from 1 to 20.\"]},\"request_id\":\""
                + Http.requestId(response) + "\"}", response.body());
        assertTrue(Downstream.diarization().received().isEmpty(), "validation happens before any downstream call");
    }

    @Test
    void contradictoryHintsAreRefused() {
        HttpResponse<String> both = post("{" + URL + ",\"speakers\":2,\"max_speakers\":3}");
        assertEquals(422, both.statusCode());
        assertEquals("{\"message\":\"The given data was invalid.\",\"errors\":{\"speakers\":[\"Give either speakers or "
                + "min_speakers and max_speakers, not both.\"]},\"request_id\":\"" + Http.requestId(both) + "\"}",
                both.body());

        HttpResponse<String> reversed = post("{" + URL + ",\"min_speakers\":4,\"max_speakers\":2.0}");
        assertEquals(422, reversed.statusCode());
        assertEquals("{\"message\":\"The given data was invalid.\",\"errors\":{\"max_speakers\":[\"Max speakers must be "
                + "a whole number from 1 to 20.\"]},\"request_id\":\"" + Http.requestId(reversed) + "\"}", reversed.body());

        HttpResponse<String> over = post("{" + URL + ",\"min_speakers\":4,\"max_speakers\":2}");
        assertEquals(422, over.statusCode());
        assertEquals("{\"message\":\"The given data was invalid.\",\"errors\":{\"min_speakers\":[\"Min speakers must not "
                + "be more than max speakers.\"]},\"request_id\":\"" + Http.requestId(over) + "\"}", over.body());
        assertTrue(Downstream.diarization().received().isEmpty());
    }

    @Test
    void validHintsAreForwardedToDiarizationService() throws Exception {
        Downstream.diarization().answer(request -> Reply.json(200, Seed.DIARIZATION_RESPONSE));

        HttpResponse<String> response = post("{" + URL + ",\"min_speakers\":2,\"max_speakers\":5,\"speakers\":null}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode forwarded = new ObjectMapper().readTree(Downstream.diarization().received().getFirst().body());
        assertEquals(2, forwarded.path("min_speakers").intValue());
        assertEquals(5, forwarded.path("max_speakers").intValue());
    }

    @Test
    void speakerHintsBelongToDiarizationOnly() {
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));

        HttpResponse<String> response = Http.post("/api/v1/tiktok/subtitle", "{" + URL + ",\"speakers\":0}",
                "Content-Type", JSON, "API-KEY", KEY);

        assertEquals(200, response.statusCode(), "other endpoints do not look at the field");
    }

    private static HttpResponse<String> post(String body) {
        return Http.post("/api/v1/tiktok/diarization", body, "Content-Type", JSON, "API-KEY", KEY);
    }
}

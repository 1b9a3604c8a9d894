package com.tikneuron.subtitle.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.paid.MadeMeanwhileException;
import com.tikneuron.standin.Spoken;
import com.tikneuron.subtitle.caption.GeneratedCues;
import com.tikneuron.subtitle.support.CacheRows;
import com.tikneuron.subtitle.support.StandInResource;
import com.tikneuron.subtitle.support.Stubs;
import com.tikneuron.testsupport.Settlements;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * {@code mode} on the public subtitle endpoint: TikTok's track, our speech recognition (the speech API played by a
 * stand-in speaking its contract), or the first that has words; priced per started minute of audio, voided on every
 * failure, free once made. Real PostgreSQL and Kafka; billing and TikTok stand-ins.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class GeneratedSubtitlesTest {

    private static final String CAPTIONED = "7354861484037524768";
    private static final String CREATOR = "7372496949768752439";
    private static final String SIGI = "7396888120245563187";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Settlements events;

    @Inject
    MeterRegistry meters;

    @BeforeAll
    static void openEvents() {
        events = new Settlements();
    }

    @AfterAll
    static void closeEvents() {
        events.close();
    }

    @Test
    void autoTranscribesAVideoWithoutCaptionsForTwoCreditsAMinuteAndThenAnswersItFreeToAnyone() {
        CacheRows.forget(Spoken.SPEAKING);
        String account = Stubs.account(10);

        post(account, Map.of("url", url(Spoken.SPEAKING), "format", "srt")).then().statusCode(404)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("no_subtitle_available"));
        post(account, Map.of("url", url(Spoken.SPEAKING), "mode", "native")).then().statusCode(404)
                .body("error_code", equalTo("no_subtitle_available"));
        assertEquals(0, recognitions(Spoken.SPEAKING), "native never asks the speech service");
        double chargedBefore = counted("tikneuron.subtitle.generated", "result", "charged");
        double cachedBefore = counted("tikneuron.subtitle.generated", "result", "cached");
        double minutesBefore = counted("tikneuron.subtitle.generated.minutes", "engine", "builtin-vosk-en-0.3.45");

        String srt = post(account, Map.of("url", url(Spoken.SPEAKING), "format", "srt", "mode", "auto")).then()
                .statusCode(200)
                .header("X-Credits-Charged", "2")
                .body("video_id", equalTo(Spoken.SPEAKING))
                .body("cached", is(false))
                .body("source", equalTo("generated"))
                .body("language", equalTo("en"))
                .extract().path("subtitle_content");
        assertTrue(srt.startsWith("1\n00:00:00,400 --> "), srt);
        assertTrue(srt.contains("hey everyone welcome back to my kitchen"), srt);
        for (String cue : srt.split("\n\n")) {
            String[] lines = cue.split("\n");
            assertTrue(lines[2].length() <= GeneratedCues.MAX_CHARS, "cue text at most 42 characters: " + lines[2]);
        }
        List<Map<String, Object>> holds = Stubs.holds(account);
        Map<String, Object> generated = holds.get(holds.size() - 1);
        assertEquals(2, generated.get("amount"), "28 seconds of audio: one started minute at 2 credits");
        assertEquals(Spoken.SPEAKING, generated.get("video_id"));
        awaitEvents(account, "hold.captured", 1);
        JsonNode captured = events.values(account).stream()
                .filter(event -> event.path("type").asText().equals("hold.captured")).findFirst().orElseThrow();
        assertEquals(generated.get("hold_id") + ":captured", captured.path("event_id").asText());
        assertEquals(2, captured.path("amount").asInt());
        assertEquals(1, recognitions(Spoken.SPEAKING));
        assertEquals(chargedBefore + 1, counted("tikneuron.subtitle.generated", "result", "charged"));
        assertEquals(minutesBefore + 1, counted("tikneuron.subtitle.generated.minutes", "engine",
                "builtin-vosk-en-0.3.45"), "one started minute transcribed, by the engine that did it");

        String other = Stubs.account(10);
        post(other, Map.of("url", url(Spoken.SPEAKING), "format", "srt", "mode", "generate")).then()
                .statusCode(200)
                .header("X-Credits-Charged", "0")
                .header("X-Credits-Remaining", nullValue())
                .body("cached", is(true))
                .body("source", equalTo("generated"))
                .body("subtitle_content", equalTo(srt));
        assertTrue(Stubs.holds(other).isEmpty(), "a transcript made before is free for every customer");
        awaitEvents(other, "usage.cached", 1);
        assertEquals(1, recognitions(Spoken.SPEAKING));
        assertEquals(cachedBefore + 1, counted("tikneuron.subtitle.generated", "result", "cached"));
        assertEquals(chargedBefore + 1, counted("tikneuron.subtitle.generated", "result", "charged"));
    }

    /** The sum of the counters of that name with that tag (over their other tags). */
    private double counted(String name, String tag, String value) {
        return meters.find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void generateOnACaptionedVideoAnswersOurWordsNotTikToks() throws Exception {
        String account = Stubs.account(10);

        String raw = post(account, Map.of("url", url(CAPTIONED), "mode", "generate", "language", "eng-US")).then()
                .statusCode(200)
                .header("X-Credits-Charged", "2")
                .body("format", equalTo("raw"))
                .body("source", equalTo("generated"))
                .body("language", equalTo("en"))
                .extract().path("subtitle_content");
        JsonNode document = JSON.readTree(raw);
        assertEquals(CAPTIONED, document.path("video_id").asText());
        assertEquals("generated", document.path("source").asText());
        assertEquals("builtin-vosk-en-0.3.45", document.path("engine").asText());
        assertEquals("hey", document.path("words").path(0).path("word").asText());
        assertTrue(document.path("words").path(0).path("end").asDouble() > document.path("words").path(0).path("start").asDouble());
        assertEquals(Spoken.SCRIPT.size(), document.path("segments").size());
        assertFalse(raw.contains("Okay so today"), "TikTok's own track is not used");

        String txt = post(account, Map.of("url", url(CAPTIONED), "mode", "generate", "format", "txt")).then()
                .statusCode(200).header("X-Credits-Charged", "0").body("cached", is(true))
                .extract().path("subtitle_content");
        assertTrue(txt.startsWith("hey everyone welcome back to my kitchen today i want"), txt);
        String vtt = post(account, Map.of("url", url(CAPTIONED), "mode", "auto", "format", "vtt")).then()
                .statusCode(200).body("source", equalTo("tiktok_asr")).extract().path("subtitle_content");
        assertTrue(vtt.contains("Okay so today"), "auto takes TikTok's track when there is one");
    }

    @Test
    void aSilentVideoIsNoSubtitleAndItsHoldIsVoided() {
        String account = Stubs.account(10);
        speech(Spoken.SILENT, "silent");

        post(account, Map.of("url", url(Spoken.SILENT), "mode", "generate")).then().statusCode(404)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("no_subtitle_available"))
                .body("message", equalTo("No subtitle available for this video"));

        List<Map<String, Object>> holds = Stubs.holds(account);
        assertEquals(1, holds.size());
        assertEquals(2, holds.get(0).get("amount"));
        awaitEvents(account, "hold.voided", 1);
        assertEquals(0, events.count(account, "hold.captured"));
        JsonNode voided = events.values(account).get(0);
        assertEquals(holds.get(0).get("hold_id") + ":voided", voided.path("event_id").asText());
    }

    @Test
    void threeMinutesOfAudioCostSixCredits() {
        String account = Stubs.account(10);

        post(account, Map.of("url", url(Spoken.THREE_MINUTES), "mode", "generate", "format", "vtt")).then()
                .statusCode(200)
                .header("X-Credits-Charged", "6")
                .header("X-Credits-Remaining", "4");
        assertEquals(6, Stubs.holds(account).get(0).get("amount"));
        awaitEvents(account, "hold.captured", 1);
    }

    @Test
    void autoOnAVideoWithoutCaptionsHoldsOnlyTheTranscriptsPriceSoExactlyThatBalanceIsEnough() {
        CacheRows.forget(Spoken.THREE_MINUTES);
        speech(Spoken.THREE_MINUTES, "forget");
        // Billing applies voids later: a caption hold voided first would still be reserved when the transcript's is asked
        String account = Stubs.account(6);

        post(account, Map.of("url", url(Spoken.THREE_MINUTES), "mode", "auto", "format", "txt")).then()
                .statusCode(200)
                .header("X-Credits-Charged", "6")
                .header("X-Credits-Remaining", "0")
                .body("source", equalTo("generated"))
                .body("cached", is(false));
        assertEquals(List.of(6), Stubs.holds(account).stream().map(h -> h.get("amount")).toList(),
                "the page said there are no captions before anything was held");
        awaitEvents(account, "hold.captured", 1);
        assertEquals(0, events.count(account, "hold.voided"));
        speech(Spoken.THREE_MINUTES, "forget");
    }

    @Test
    void aLanguageTheEngineCannotDoIsRefusedBeforeAnyHold() {
        String account = Stubs.account(10);

        post(account, Map.of("url", url(CREATOR), "mode", "generate", "language", "es")).then().statusCode(422)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("Failed to process video: Transcribing Spanish needs a speech engine for it; "
                        + "none is configured on this server"));
        assertTrue(Stubs.holds(account).isEmpty());
    }

    @Test
    void aSpeechServiceThatIsDownIsA503WithNothingCharged() {
        String account = Stubs.account(10);
        speech(CREATOR, "down");

        post(account, Map.of("url", url(CREATOR), "mode", "generate")).then().statusCode(503)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("service_unavailable"));
        assertTrue(Stubs.holds(account).isEmpty());
        speech(CREATOR, "speech");
    }

    @Test
    void aTranscriptionThatFailsAfterTheHoldIsA503AndTheHoldIsVoided() {
        String account = Stubs.account(10);
        speech(SIGI, "failing");

        post(account, Map.of("url", url(SIGI), "mode", "generate")).then().statusCode(503)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("service_unavailable"));
        List<Map<String, Object>> holds = Stubs.holds(account);
        assertEquals(1, holds.size());
        awaitEvents(account, "hold.voided", 1);
        assertEquals(0, events.count(account, "hold.captured"));
        assertEquals(2, holds.get(0).get("amount"));
        speech(SIGI, "speech");
    }

    @Test
    void aTranscriptMadeByAnotherRequestMeanwhileIsFreeAndItsHoldIsVoided() {
        String account = Stubs.account(10);
        speech(SIGI, "forget");
        speech(SIGI, "made-meanwhile");

        post(account, Map.of("url", url(SIGI), "mode", "generate", "format", "txt")).then().statusCode(200)
                .header("X-Credits-Charged", "0")
                .body("cached", is(true))
                .body("source", equalTo("generated"))
                .body("subtitle_content", startsWith("hey everyone welcome back to my kitchen"));
        assertEquals(1, Stubs.holds(account).size(), "held before the transcription came back as made meanwhile");
        awaitEvents(account, "hold.voided", 1);
        awaitEvents(account, "usage.cached", 1);
        assertEquals(0, events.count(account, "hold.captured"));
        assertEquals(MadeMeanwhileException.REASON, events.values(account).stream()
                .filter(event -> event.path("type").asText().equals("hold.voided")).findFirst().orElseThrow()
                .path("reason").asText());
        speech(SIGI, "forget");
    }

    @Test
    void anUnknownModeIsTheContractsValidationBody() {
        post(Stubs.account(10), Map.of("url", url(CAPTIONED), "mode", "whisper")).then().statusCode(422)
                .body("message", equalTo("The given data was invalid."))
                .body("errors.mode[0]", equalTo("Mode must be one of: native, generate, auto."));
    }

    private static Response post(String account, Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .header("X-Account-Id", account).header("X-Key-Mode", "live").header("X-Request-Id", "req-generated-1")
                .body(body)
                .post("/api/v1/tiktok/subtitle");
    }

    private static String url(String id) {
        return "https://www.tiktok.com/@someone/video/" + id;
    }

    private static void speech(String video, String behaviour) {
        given().baseUri(speechUrl()).contentType(ContentType.JSON)
                .body(Map.of("video_id", video, "behaviour", behaviour)).post("/__test/speech").then().statusCode(204);
    }

    private static String speechUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.rest-client.speech.url", String.class);
    }

    private static int recognitions(String video) {
        return given().baseUri(speechUrl()).queryParam("video_id", video).get("/__test/speech")
                .then().statusCode(200).extract().path("recognitions");
    }

    private static void awaitEvents(String account, String type, long count) {
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> events.count(account, type) >= count);
        await().pollInSameThread().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5))
                .until(() -> events.count(account, type) == count);
    }
}

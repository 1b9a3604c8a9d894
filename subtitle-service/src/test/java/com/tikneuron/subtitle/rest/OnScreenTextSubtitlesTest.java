package com.tikneuron.subtitle.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import com.tikneuron.standin.OnScreen;
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
 * {@code mode: auto}'s last source: a post with neither a TikTok track nor speech is read from the text it shows
 * (diarization-service's on-screen text API, played by a stand-in speaking its contract). Priced as a generated
 * transcript, held before the reading, captured once, voided on every failure and when there is no text; free once
 * read. Real PostgreSQL and Kafka; billing and TikTok stand-ins.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class OnScreenTextSubtitlesTest {

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
    void aVideoWithNeitherCaptionsNorSpeechIsItsOnScreenTextChargedOnceThenFreeForAnyone() {
        CacheRows.forget(OnScreen.ENGLISH);
        speech(OnScreen.ENGLISH, "silent");
        String account = Stubs.account(10);

        post(account, Map.of("url", url(OnScreen.ENGLISH), "mode", "native")).then().statusCode(404)
                .body("error_code", equalTo("no_subtitle_available"));
        assertEquals(0, readings(OnScreen.ENGLISH), "native never reads the picture");
        double chargedBefore = counted("charged");

        String srt = post(account, Map.of("url", url(OnScreen.ENGLISH), "mode", "auto", "format", "srt")).then()
                .statusCode(200)
                .header("X-Credits-Charged", "2")
                .body("source", equalTo("on_screen_text"))
                .body("language", equalTo("en"))
                .body("cached", is(false))
                .extract().path("subtitle_content");
        List<OnScreen.Card> cards = OnScreen.cards(OnScreen.ENGLISH);
        String[] blocks = srt.split("\n\n");
        assertEquals(cards.size(), blocks.length, srt);
        assertTrue(blocks[0].startsWith("1\n00:00:00,000 --> 00:00:04,000\n" + cards.get(0).text()), srt);
        assertEquals(1, readings(OnScreen.ENGLISH));
        assertEquals(chargedBefore + 1, counted("charged"));
        JsonNode sent = lastBody(OnScreen.ENGLISH);
        assertTrue(sent.path("images").isMissingNode(), "a video is read from its own media: " + sent);

        // native's caption fetch (1, voided: none), then auto: speech (2, voided: no speech), on-screen text (2 for
        // 12 s, captured); auto found the captions' "none" cached.
        List<Map<String, Object>> holds = Stubs.holds(account);
        assertEquals(List.of(1, 2, 2), holds.stream().map(h -> h.get("amount")).toList());
        awaitEvents(account, "hold.captured", 1);
        awaitEvents(account, "hold.voided", 2);
        JsonNode captured = events.values(account).stream()
                .filter(event -> event.path("type").asText().equals("hold.captured")).findFirst().orElseThrow();
        assertEquals(holds.get(2).get("hold_id") + ":captured", captured.path("event_id").asText());

        String other = Stubs.account(10);
        post(other, Map.of("url", url(OnScreen.ENGLISH), "mode", "auto", "format", "srt")).then()
                .statusCode(200)
                .header("X-Credits-Charged", "0")
                .body("cached", is(true))
                .body("source", equalTo("on_screen_text"))
                .body("subtitle_content", equalTo(srt));
        assertEquals(1, readings(OnScreen.ENGLISH), "read once, for every customer");
        awaitEvents(other, "usage.cached", 1);
        assertEquals(0, events.count(other, "hold.captured"));
    }

    @Test
    void aPhotoPostSkipsSpeechAndSendsItsSlidesFromThePageOneCuePerSlideForTwoCredits() throws Exception {
        CacheRows.forget(OnScreen.PHOTO_POST);
        String account = Stubs.account(10);

        String raw = post(account, Map.of("url", url(OnScreen.PHOTO_POST), "mode", "auto")).then()
                .statusCode(200)
                .header("X-Credits-Charged", "2")
                .body("source", equalTo("on_screen_text"))
                .body("format", equalTo("raw"))
                .extract().path("subtitle_content");
        JsonNode document = JSON.readTree(raw);
        assertEquals("on_screen_text", document.path("source").asText());
        assertEquals("photo_post", document.path("kind").asText());
        List<OnScreen.Card> slides = OnScreen.cards(OnScreen.PHOTO_POST);
        assertEquals(slides.size(), document.path("cues").size());
        for (int i = 0; i < slides.size(); i++) {
            assertEquals(slides.get(i).text(), document.path("cues").path(i).path("text").asText());
        }
        JsonNode sent = lastBody(OnScreen.PHOTO_POST);
        assertEquals(OnScreen.imageUrls(OnScreen.PHOTO_POST),
                JSON.convertValue(sent.path("images"), List.class), "the first URL of each slide, in order");
        assertEquals(9.0, sent.path("duration").asDouble(), "the music's length");
        assertEquals(0, recognitions(OnScreen.PHOTO_POST), "a slideshow's music is not transcribed");
        List<Map<String, Object>> holds = Stubs.holds(account);
        assertEquals(2, holds.get(holds.size() - 1).get("amount"));
        awaitEvents(account, "hold.captured", 1);
    }

    @Test
    void aVideoWithNeitherSpeechNorTextIsNoSubtitleAndEveryHoldIsVoided() {
        CacheRows.forget(OnScreen.NOTHING);
        speech(OnScreen.NOTHING, "silent");
        String account = Stubs.account(10);
        double noTextBefore = counted("no_text");

        post(account, Map.of("url", url(OnScreen.NOTHING), "mode", "auto")).then().statusCode(404)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("no_subtitle_available"))
                .body("message", equalTo("No subtitle available for this video"));
        List<Map<String, Object>> holds = Stubs.holds(account);
        // Auto read the page before holding for captions (none), so only speech and on-screen text held
        assertEquals(List.of(2, 2), holds.stream().map(h -> h.get("amount")).toList(), "speech, on-screen text");
        awaitEvents(account, "hold.voided", 2);
        assertEquals(0, events.count(account, "hold.captured"));
        assertEquals(1, readings(OnScreen.NOTHING));
        assertEquals(noTextBefore + 1, counted("no_text"));
    }

    private double counted(String result) {
        return meters.find("tikneuron.subtitle.on_screen_text").tag("result", result).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    @Test
    void anOnScreenTextServiceThatIsDownIsA503AndTheHoldIsVoided() {
        CacheRows.forget(OnScreen.GERMAN);
        speech(OnScreen.GERMAN, "silent");
        onScreen(OnScreen.GERMAN, "down");
        String account = Stubs.account(10);

        post(account, Map.of("url", url(OnScreen.GERMAN), "mode", "auto")).then().statusCode(503)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("service_unavailable"));
        awaitEvents(account, "hold.voided", Stubs.holds(account).size());
        assertEquals(0, events.count(account, "hold.captured"));
        onScreen(OnScreen.GERMAN, "text");
    }

    @Test
    void aRefusedReadingIsNoSubtitleAndTheHoldIsVoided() {
        CacheRows.forget(OnScreen.ARABIC);
        speech(OnScreen.ARABIC, "silent");
        onScreen(OnScreen.ARABIC, "refused");
        String account = Stubs.account(10);

        post(account, Map.of("url", url(OnScreen.ARABIC), "mode", "auto")).then().statusCode(404)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("no_subtitle_available"));
        List<Map<String, Object>> holds = Stubs.holds(account);
        assertEquals(2, holds.size(), "speech, on-screen text: no hold for captions the page does not list");
        awaitEvents(account, "hold.voided", 2);
        assertEquals(0, events.count(account, "hold.captured"));
        onScreen(OnScreen.ARABIC, "text");
    }

    private static Response post(String account, Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .header("X-Account-Id", account).header("X-Key-Mode", "live").header("X-Request-Id", "req-on-screen-1")
                .body(body)
                .post("/api/v1/tiktok/subtitle");
    }

    private static String url(String id) {
        return "https://www.tiktok.com/@someone/video/" + id;
    }

    private static String diarizationUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.rest-client.on-screen-text.url", String.class);
    }

    private static void speech(String video, String behaviour) {
        given().baseUri(diarizationUrl()).contentType(ContentType.JSON)
                .body(Map.of("video_id", video, "behaviour", behaviour)).post("/__test/speech").then().statusCode(204);
    }

    private static void onScreen(String video, String behaviour) {
        given().baseUri(diarizationUrl()).contentType(ContentType.JSON)
                .body(Map.of("video_id", video, "behaviour", behaviour)).post("/__test/on-screen-text").then()
                .statusCode(204);
    }

    private static int recognitions(String video) {
        return given().baseUri(diarizationUrl()).queryParam("video_id", video).get("/__test/speech")
                .then().statusCode(200).extract().path("recognitions");
    }

    private static int readings(String video) {
        return given().baseUri(diarizationUrl()).queryParam("video_id", video).get("/__test/on-screen-text")
                .then().statusCode(200).extract().path("readings");
    }

    private static JsonNode lastBody(String video) {
        try {
            return JSON.readTree(given().baseUri(diarizationUrl()).queryParam("video_id", video)
                    .get("/__test/on-screen-text").then().statusCode(200).extract().asString()).path("last_body");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitEvents(String account, String type, long count) {
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> events.count(account, type) >= count);
        await().pollInSameThread().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5))
                .until(() -> events.count(account, type) == count);
    }
}

package com.tikneuron.subtitle.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.tikneuron.subtitle.support.CacheRows;
import com.tikneuron.subtitle.support.StandInResource;
import com.tikneuron.subtitle.support.Stubs;
import com.tikneuron.testsupport.Settlements;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The public subtitle endpoint against the TikTok stand-in, real PostgreSQL and Kafka, and a billing stand-in. */
@QuarkusTest
@WithTestResource(StandInResource.class)
class SubtitleResourceTest {

    private static final String ASR_VIDEO = "7354861484037524768";
    private static final String NO_CAPTIONS = "7361573949415050724";
    private static final String CREATOR = "7372496949768752439";
    private static final String PRIVATE = "7378753816223753998";
    private static final String REGION = "7387343747620774992";
    private static final String SIGI = "7396888120245563187";
    private static final String CHALLENGED = "7401660308869023780";
    private static final String LONG_TALK = "7406432493050499115";

    private static Settlements events;

    @BeforeAll
    static void openEvents() {
        events = new Settlements();
    }

    @AfterAll
    static void closeEvents() {
        events.close();
    }

    private static Response post(String account, Map<String, Object> body) {
        return post(account, "live", body);
    }

    private static Response post(String account, String mode, Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .header("X-Account-Id", account).header("X-Key-Mode", mode).header("X-Request-Id", "req-test-1")
                .body(body)
                .post("/api/v1/tiktok/subtitle");
    }

    private static String url(String id) {
        return "https://www.tiktok.com/@someone/video/" + id + "?is_from_webapp=1&sender_device=pc";
    }

    private static void awaitEvents(String account, String type, long count) {
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> events.count(account, type) >= count);
        await().pollInSameThread().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5))
                .until(() -> events.count(account, type) == count);
    }

    private static byte[] fixture(String path) throws Exception {
        try (InputStream in = SubtitleResourceTest.class.getResourceAsStream("/fixtures/cdn/" + path)) {
            return in.readAllBytes();
        }
    }

    @Test
    void firstCallChargesOneCreditAndTheSecondIsCachedAndFree() {
        CacheRows.forget(ASR_VIDEO);
        String account = Stubs.account(10);
        int pagesBefore = Stubs.served("pages", ASR_VIDEO);

        String first = post(account, Map.of("url", url(ASR_VIDEO), "format", "srt")).then()
                .statusCode(200)
                .header("X-Credits-Charged", "1")
                .header("X-Credits-Remaining", "9")
                .header("X-Request-Id", "req-test-1")
                .body("video_id", equalTo(ASR_VIDEO))
                .body("format", equalTo("srt"))
                .body("cached", is(false))
                .body("available_formats", contains("raw", "srt", "vtt", "txt"))
                .body("language", equalTo("eng-US"))
                .body("source", equalTo("tiktok_asr"))
                .body("available_languages", contains("spa-ES", "eng-US"))
                .body("subtitle_content", startsWith("1\n00:00:00,120 --> 00:00:01,840\nOkay so today I'm going to show you\n\n2\n"))
                .extract().path("subtitle_content");

        List<Map<String, Object>> holds = Stubs.holds(account);
        assertEquals(1, holds.size());
        assertEquals("subtitle", holds.get(0).get("capability"));
        assertEquals(1, holds.get(0).get("amount"));
        assertEquals("live", holds.get(0).get("mode"));
        assertEquals(ASR_VIDEO, holds.get(0).get("video_id"));
        String holdId = (String) holds.get(0).get("hold_id");
        assertEquals(true, holdId.matches("subtitle:[0-9a-f-]{36}"));
        awaitEvents(account, "hold.captured", 1);
        JsonNode captured = events.values(account).get(0);
        assertEquals(holdId + ":captured", captured.path("event_id").asText());
        assertEquals(1, captured.path("amount").asInt());
        String callId = (String) holds.get(0).get("request_id");
        assertEquals(true, callId.matches("call_[0-9a-f]{32}"), "no X-Call-Id: the service names the call itself");
        assertEquals(callId, captured.path("request_id").asText());

        post(account, Map.of("url", "https://vm.tiktok.com/ZMhvqjqjq/", "format", "srt")).then()
                .statusCode(200)
                .header("X-Credits-Charged", "0")
                .header("X-Credits-Remaining", nullValue())
                .body("cached", is(true))
                .body("subtitle_content", equalTo(first));
        assertEquals(1, Stubs.holds(account).size(), "a cached answer makes no hold");
        awaitEvents(account, "usage.cached", 1);
        assertEquals(1, events.count(account, "hold.captured"));
        assertEquals(pagesBefore + 1, Stubs.served("pages", ASR_VIDEO));
    }

    @Test
    void everyFormatComesFromTheSameCachedTrack() throws Exception {
        String account = Stubs.account(10);
        post(account, Map.of("url", url(ASR_VIDEO))).then().statusCode(200);
        byte[] raw = post(account, Map.of("url", url(ASR_VIDEO), "format", "raw")).then().statusCode(200)
                .body("format", equalTo("raw")).extract().path("subtitle_content").toString().getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(fixture("tos/captions/" + ASR_VIDEO + "/eng-US.vtt"), raw);
        post(account, Map.of("url", url(ASR_VIDEO), "format", "txt")).then().statusCode(200)
                .body("subtitle_content", equalTo("Okay so today I'm going to show you my three ingredient pasta sauce that takes ten minutes"
                        + " You need tomatoes, butter & one onion cut in half simmer it low and slow and that's it, follow for part two"));
        post(account, Map.of("url", url(ASR_VIDEO), "format", "vtt")).then().statusCode(200)
                .body("subtitle_content", startsWith("WEBVTT\n\n00:00:00.120 --> 00:00:01.840\nOkay so today I'm going to show you\n\n"));
    }

    @Test
    void aRequestedLanguagePicksThatTrackAndIsCachedSeparately() {
        CacheRows.forget(ASR_VIDEO);
        String account = Stubs.account(10);
        post(account, Map.of("url", url(ASR_VIDEO), "format", "txt", "language", "es")).then()
                .statusCode(200).header("X-Credits-Charged", "1")
                .body("language", equalTo("spa-ES")).body("source", equalTo("machine_translation")).body("cached", is(false))
                .body("subtitle_content", startsWith("Bueno, hoy les voy a mostrar"));
        post(account, Map.of("url", url(ASR_VIDEO), "format", "txt", "language", "en")).then()
                .statusCode(200).header("X-Credits-Charged", "1").body("language", equalTo("eng-US")).body("cached", is(false));
        post(account, Map.of("url", url(ASR_VIDEO), "format", "txt", "language", "fr")).then()
                .statusCode(404).body("error_code", equalTo("no_subtitle_available"));
        assertEquals(2, Stubs.holds(account).size(), "the unknown language was answered from the cached track list, without a hold");
    }

    @Test
    void aVideoWithoutCaptionsAnswersTheSeedErrorAndVoidsTheHold() {
        CacheRows.forget(NO_CAPTIONS);
        String account = Stubs.account(5);
        post(account, Map.of("url", url(NO_CAPTIONS), "format", "srt")).then()
                .statusCode(404)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("no_subtitle_available"))
                .body("message", equalTo("No subtitle available for this video"))
                .body("request_id", equalTo("req-test-1"));
        List<Map<String, Object>> holds = Stubs.holds(account);
        assertEquals(1, holds.size());
        awaitEvents(account, "hold.voided", 1);
        JsonNode voided = events.values(account).get(0);
        assertEquals(holds.get(0).get("hold_id") + ":voided", voided.path("event_id").asText());
        assertEquals("No subtitle available for this video", voided.path("reason").asText(), "the message the customer was told");
        assertEquals(0, events.count(account, "hold.captured"));

        post(account, Map.of("url", url(NO_CAPTIONS))).then().statusCode(404).body("error_code", equalTo("no_subtitle_available"));
        assertEquals(1, Stubs.holds(account).size(), "'no captions' is remembered for a while: no second hold");
    }

    @Test
    void fiftyConcurrentFirstRequestsMakeOnePageFetchAndOneCharge() throws Exception {
        CacheRows.forget(LONG_TALK);
        String account = Stubs.account(100);
        int pagesBefore = Stubs.served("pages", LONG_TALK);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Callable<Response> call = () -> post(account, Map.of("url", url(LONG_TALK), "format", "srt"));
                answers.add(pool.submit(call));
            }
            int fresh = 0;
            String content = null;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertEquals(200, response.statusCode(), response.asString());
                if (!response.jsonPath().getBoolean("cached")) {
                    fresh++;
                    assertEquals("1", response.header("X-Credits-Charged"));
                } else {
                    assertEquals("0", response.header("X-Credits-Charged"));
                }
                String body = response.jsonPath().getString("subtitle_content");
                assertEquals(content == null ? body : content, body);
                content = body;
            }
            assertEquals(1, fresh);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(pagesBefore + 1, Stubs.served("pages", LONG_TALK));
        assertEquals(1, Stubs.holds(account).size());
        awaitEvents(account, "hold.captured", 1);
        awaitEvents(account, "usage.cached", 49);
    }

    @Test
    void notEnoughCreditsIsA402BeforeAnyTikTokWork() {
        CacheRows.forget(CREATOR);
        String account = Stubs.account(0);
        int pagesBefore = Stubs.served("pages", CREATOR);
        post(account, Map.of("url", url(CREATOR))).then()
                .statusCode(402)
                .body("error_code", equalTo("insufficient_credits"))
                .body("message", equalTo("Insufficient credits"))
                .body("request_id", equalTo("req-test-1"));
        assertEquals(pagesBefore, Stubs.served("pages", CREATOR));
        assertEquals(0, events.values(account).size());
    }

    @Test
    void billingDownIsA503BeforeAnyTikTokWork() {
        CacheRows.forget(CREATOR);
        String account = Stubs.account(10, true);
        int pagesBefore = Stubs.served("pages", CREATOR);
        post(account, Map.of("url", url(CREATOR))).then()
                .statusCode(503)
                .body("error_code", equalTo("service_unavailable"))
                .body("message", notNullValue());
        assertEquals(pagesBefore, Stubs.served("pages", CREATOR));
    }

    @Test
    void testKeysHoldInTestModeAndAreNeverCharged() {
        CacheRows.forget(CREATOR);
        String account = Stubs.account(0);
        post(account, "test", Map.of("url", url(CREATOR), "format", "txt")).then()
                .statusCode(200)
                .header("X-Credits-Charged", "0")
                .header("X-Credits-Remaining", "0")
                .body("source", equalTo("creator"))
                .body("subtitle_content", equalTo("Three things I wish I knew before my first marathon One: your easy runs should feel almost"
                        + " too easy Two: practise eating gels on long runs, not on race day Three: the last 10 km are mental & that's normal"));
        assertEquals("test", Stubs.holds(account).get(0).get("mode"));
        awaitEvents(account, "hold.captured", 1);
        assertEquals("test", events.values(account).get(0).path("mode").asText());
    }

    @Test
    void unavailableVideosAnswerWhyAndVoid() {
        String account = Stubs.account(10);
        post(account, Map.of("url", url(PRIVATE))).then().statusCode(404)
                .body("error_code", equalTo("video_unavailable")).body("message", equalTo("This video is private"));
        post(account, Map.of("url", url(REGION))).then().statusCode(404)
                .body("error_code", equalTo("video_unavailable")).body("message", equalTo("This video is not available in this region"));
        awaitEvents(account, "hold.voided", 2);
        assertEquals(0, events.count(account, "hold.captured"));
    }

    @Test
    void olderPagesAndChallengedPagesAreReadToo() {
        CacheRows.forget(SIGI);
        CacheRows.forget(CHALLENGED);
        String account = Stubs.account(10);
        post(account, Map.of("url", "https://m.tiktok.com/v/" + SIGI + ".html", "format", "txt")).then().statusCode(200)
                .body("subtitle_content", equalTo("I study eight hours a day and here is the trick forty minutes on, ten minutes off,"
                        + " no phone in the room"));
        post(account, Map.of("url", "https://www.tiktok.com/embed/v2/" + CHALLENGED, "format", "txt")).then().statusCode(200)
                .body("subtitle_content", startsWith("This keyboard is smaller than my hand"));
    }

    @Test
    void deadShortLinksAreUnavailableAndCostNothing() {
        String account = Stubs.account(10);
        post(account, Map.of("url", "https://vm.tiktok.com/ZMdead0001/")).then().statusCode(404)
                .body("error_code", equalTo("video_unavailable"));
        assertEquals(0, Stubs.holds(account).size());
    }

    @Test
    void invalidBodiesGetTheContractsValidationError() {
        String account = Stubs.account(10);
        post(account, Map.of("url", "https://tiktok.com.evil.net/@u/video/" + ASR_VIDEO, "format", "docx")).then()
                .statusCode(422)
                .body("message", equalTo("The given data was invalid."))
                .body("errors.url", contains("Please provide a valid TikTok URL."))
                .body("errors.format", contains("Format must be one of: raw, srt, vtt, txt."))
                .body("request_id", equalTo("req-test-1"));
        given().contentType(ContentType.JSON).header("X-Account-Id", account).body("{not json").post("/api/v1/tiktok/subtitle")
                .then().statusCode(400).body("error_code", equalTo("invalid_request"));
        // Only the gateway calls this route, always naming the account: without it the call did not come through
        given().contentType(ContentType.JSON).body(Map.of("url", url(ASR_VIDEO))).post("/api/v1/tiktok/subtitle")
                .then().statusCode(400).body("error_code", equalTo("invalid_request"))
                .body("message", equalTo("X-Account-Id must be the caller's account id"));
        assertEquals(0, Stubs.holds(account).size());
    }
}

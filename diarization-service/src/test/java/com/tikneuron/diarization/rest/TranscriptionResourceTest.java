package com.tikneuron.diarization.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tikneuron.diarization.harness.StandInMedia;
import com.tikneuron.diarization.harness.Tools;
import com.tikneuron.diarization.standin.StandIns;
import com.tikneuron.standin.Spoken;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The speech service with the built-in engine: POST /internal/v1/videos/{id}/transcription. */
@QuarkusTest
@WithTestResource(StandIns.class)
class TranscriptionResourceTest {

    // Fresh ids on every run: a transcription cached by an earlier run must not answer for this one.
    private static final String VIDEO_001 = videoId();
    private static final String VIDEO_002 = videoId();
    private static final String VIDEO_003 = videoId();
    private static final String VIDEO_004 = videoId();
    private static final String VIDEO_005 = videoId();
    private static final String VIDEO_006 = videoId();
    private static final String VIDEO_007 = videoId();
    private static final String VIDEO_008 = videoId();
    private static final String VIDEO_009 = videoId();

    private static final ExecutorService CLIENTS = Executors.newCachedThreadPool();

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @BeforeAll
    static void prepare() {
        Tools.require("ffmpeg", "espeak-ng", "sox");
    }

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    @Test
    void speechIsTranscribedWithTimedWordsOnceAndThenServedFromTheCache() {
        String video = VIDEO_001;
        StandIns.subtitles().media(video, StandInMedia.spokenMp4());
        given().get("/internal/v1/videos/" + video + "/transcription").then().statusCode(404)
                .body("error_code", equalTo("not_transcribed"));
        assertEquals(0, StandIns.subtitles().mediaRequests(video), "asking the cache recognises nothing");

        JsonPath first = transcribe(video, null).then().statusCode(200).contentType(ContentType.JSON)
                .body("video_id", equalTo(video))
                .body("engine", equalTo("builtin-vosk-en-0.3.45"))
                .body("language", equalTo("en"))
                .body("cached", equalTo(false))
                .extract().jsonPath();
        List<Float> starts = first.getList("words.start", Float.class);
        List<Float> ends = first.getList("words.end", Float.class);
        assertTrue(starts.size() > 20, "words: " + starts.size());
        for (int i = 0; i < starts.size(); i++) {
            assertTrue(ends.get(i) > starts.get(i), "word " + i + " ends after it starts");
            assertTrue(i == 0 || starts.get(i) >= starts.get(i - 1), "words in time order");
        }
        assertEquals(28, first.getDouble("duration"), 1.0);
        assertFalse(first.getList("segments").isEmpty());
        String text = first.getString("text");
        assertEquals(String.join(" ", first.getList("segments.text", String.class)), text);
        double wer = StandInMedia.wordErrorRate(Spoken.text(), text);
        assertTrue(wer <= 0.25, "word error rate " + wer + " for: " + text);

        transcribe(video, null).then().statusCode(200).body("cached", equalTo(true)).body("text", equalTo(text));
        given().get("/internal/v1/videos/" + video + "/transcription?language=en").then().statusCode(200)
                .body("cached", equalTo(true)).body("text", equalTo(text)).body("duration", notNullValue());
        assertEquals(1, StandIns.subtitles().mediaRequests(video), "the media is fetched once");
        assertEquals("", StandIns.subtitles().lastMediaQuery(video), "speech takes the route's own preference");
    }

    @Test
    void diarizingAVideoWhoseTranscriptionIsCachedDoesNotRunTheRecogniserAgain() {
        String video = VIDEO_002;
        StandIns.subtitles().media(video, StandInMedia.conversationMp4());
        transcribe(video, null).then().statusCode(200).body("cached", equalTo(false));
        double recognitions = recognitions();
        double cachedUses = metric("tikneuron_transcriptions_total", "result=\"cached\"");

        given().contentType(ContentType.JSON)
                .header("X-Account-Id", UUID.randomUUID().toString()).header("X-Key-Mode", "live")
                .header("X-Call-Id", "call_" + UUID.randomUUID().toString().replace("-", ""))
                .body("{\"url\":\"https://www.tiktok.com/@creator/video/" + video + "\",\"format\":\"txt\"}")
                .post("/api/v1/tiktok/diarization").then().statusCode(200).body("cached", equalTo(false));

        assertEquals(recognitions, recognitions(), "the recogniser did not run for the diarization");
        assertEquals(cachedUses + 1, metric("tikneuron_transcriptions_total", "result=\"cached\""),
                "the diarization took the cached transcription");
    }

    @Test
    void diarizationLeavesItsWordsForTheSpeechService() {
        String video = VIDEO_003;
        StandIns.subtitles().media(video, StandInMedia.conversationMp3());
        given().contentType(ContentType.JSON)
                .header("X-Account-Id", UUID.randomUUID().toString()).header("X-Key-Mode", "live")
                .header("X-Call-Id", "call_" + UUID.randomUUID().toString().replace("-", ""))
                .body("{\"url\":\"https://www.tiktok.com/@creator/video/" + video + "\",\"format\":\"txt\"}")
                .post("/api/v1/tiktok/diarization").then().statusCode(200);
        double recognitions = recognitions();

        transcribe(video, null).then().statusCode(200).body("cached", equalTo(true));
        assertEquals(recognitions, recognitions(), "no second recognition");
        assertEquals(1, StandIns.subtitles().mediaRequests(video), "no second download");
    }

    @Test
    void identicalRequestsInFlightShareOneRecognition() throws Exception {
        String video = VIDEO_004;
        StandIns.subtitles().media(video, StandInMedia.conversationMp3());
        StandIns.subtitles().close();
        try {
            double joined = joined();
            CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> transcribe(video, null), CLIENTS);
            awaitMediaRequests(video, 1);
            CompletableFuture<Response> second = CompletableFuture.supplyAsync(() -> transcribe(video, null), CLIENTS);
            // the second waits for the first's recognition, which waits for its download, held until now
            await().atMost(Duration.ofSeconds(30)).until(() -> joined() == joined + 1);
            StandIns.subtitles().open();
            Response a = first.get();
            Response b = second.get();
            assertEquals(200, a.statusCode(), a.asString());
            assertEquals(200, b.statusCode(), b.asString());
            assertFalse(a.jsonPath().getBoolean("cached"));
            assertTrue(b.jsonPath().getBoolean("cached"), "the second waited for the first");
            assertEquals(a.jsonPath().getString("text"), b.jsonPath().getString("text"));
        } finally {
            StandIns.subtitles().open();
        }
        assertEquals(1, StandIns.subtitles().mediaRequests(video), "one download, one recognition");
    }

    @Test
    void aLanguageTheBuiltInEngineCannotDoIsRefusedBeforeAnyWork() {
        String video = VIDEO_005;
        StandIns.subtitles().media(video, StandInMedia.conversationMp3());
        given().get("/internal/v1/videos/" + video + "/transcription?language=es").then().statusCode(422)
                .body("error_code", equalTo("language_not_supported"));
        transcribe(video, "{\"language\":\"es\"}").then().statusCode(422)
                .body("error_code", equalTo("language_not_supported"))
                .body("message", equalTo("Transcribing Spanish needs a speech engine for it; none is configured on this server"))
                .body("request_id", notNullValue());
        assertEquals(0, StandIns.subtitles().mediaRequests(video), "nothing downloaded");
        transcribe(video, "{\"language\":\"en-US\"}").then().statusCode(200).body("language", equalTo("en"));
    }

    @Test
    void silenceHasNoSpeech() {
        String video = VIDEO_006;
        StandIns.subtitles().media(video, StandInMedia.silentMp4());
        transcribe(video, null).then().statusCode(422)
                .body("error_code", equalTo("no_speech"))
                .body("message", equalTo("No speech detected in this video"));
    }

    @Test
    void anUnavailableVideoAndBadRequestsGetClearErrors() {
        StandIns.subtitles().mediaStatus(VIDEO_007, 413);
        transcribe(VIDEO_007, null).then().statusCode(422)
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("The video is too large to process"));
        transcribe("not-a-video", null).then().statusCode(400).body("error_code", equalTo("invalid_request"));
        transcribe(VIDEO_008, "[1]").then().statusCode(400).body("error_code", equalTo("invalid_request"));
        transcribe(VIDEO_008, "{\"language\":\"<script>\"}").then().statusCode(400)
                .body("error_code", equalTo("invalid_request"));
    }

    @Test
    void withoutTheServiceCredentialNothingIsTranscribed() {
        String video = VIDEO_009;
        StandIns.subtitles().media(video, StandInMedia.conversationMp3());
        given().noFilters().contentType(ContentType.JSON).body("{}")
                .post("/internal/v1/videos/" + video + "/transcription").then().statusCode(401)
                .body("error_code", equalTo("unauthorized"));
        assertEquals(0, StandIns.subtitles().mediaRequests(video));
    }

    private static Response transcribe(String video, String body) {
        var request = given().contentType(ContentType.JSON).header("X-Request-Id", "req-" + UUID.randomUUID());
        if (body != null) {
            request.body(body);
        }
        return request.post("/internal/v1/videos/" + video + "/transcription");
    }

    private static void awaitMediaRequests(String video, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> StandIns.subtitles().mediaRequests(video) >= count);
        assertEquals(count, StandIns.subtitles().mediaRequests(video));
    }

    /** How many times the engine ran: every run records one real-time factor. */
    private double recognitions() {
        return metric("tikneuron_transcription_real_time_factor_count", "engine=\"builtin-vosk-en-0.3.45\"");
    }

    /** How many transcription requests waited for an identical one already running. */
    private double joined() {
        return metric("tikneuron_diarization_requests_joined_total", "work=\"transcription\"");
    }

    private double metric(String name, String label) {
        String text = given().noFilters().get(metrics).then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^" + name + "\\{([^}]*)} ([0-9.eE+-]+)$").matcher(text);
        double total = 0;
        while (line.find()) {
            if (line.group(1).contains(label)) {
                total += Double.parseDouble(line.group(2));
            }
        }
        return total;
    }

    /** A TikTok-shaped video id no earlier run used. */
    private static String videoId() {
        return "75" + String.format("%017d", java.util.concurrent.ThreadLocalRandom.current().nextLong(100_000_000_000_000_000L));
    }
}

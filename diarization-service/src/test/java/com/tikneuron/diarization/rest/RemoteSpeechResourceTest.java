package com.tikneuron.diarization.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.tikneuron.diarization.harness.StandInMedia;
import com.tikneuron.diarization.harness.Tools;
import com.tikneuron.diarization.standin.StandIns;
import com.tikneuron.standin.Spoken;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The speech service with a remote OpenAI-compatible engine, against a stand-in speaking its protocol: success,
 * rate limiting, a failing server that opens the breaker, and an answer that is not verbose_json.
 */
@QuarkusTest
@TestProfile(RemoteSpeechProfile.class)
@WithTestResource(StandIns.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteSpeechResourceTest {

    // Fresh ids on every run: a transcription cached by an earlier run must not answer for this one.
    private static final String VIDEO_001 = videoId();
    private static final String VIDEO_002 = videoId();
    private static final String VIDEO_003 = videoId();
    private static final String VIDEO_004 = videoId();
    private static final String VIDEO_005 = videoId();

    private static final String SCRIPT_START = "Hey everyone, welcome back to my kitchen.";

    @BeforeAll
    static void prepare() {
        Tools.require("ffmpeg", "espeak-ng", "sox");
    }

    @AfterEach
    void clearFaults() {
        given().noFilters().delete(StandIns.speech().origin() + "/__standin/speech-faults").then().statusCode(204);
    }

    @Test
    @Order(1)
    void theRemoteEnginesVerboseJsonBecomesTheTranscript() {
        String video = VIDEO_001;
        StandIns.subtitles().media(video, StandInMedia.conversationMp4());
        int calls = calls();
        JsonPath answer = transcribe(video).then().statusCode(200)
                .body("engine", equalTo("remote-openai-whisper-1"))
                .body("language", equalTo("en"))
                .body("cached", equalTo(false))
                .extract().jsonPath();
        assertTrue(answer.getString("text").startsWith(SCRIPT_START), answer.getString("text"));
        assertEquals(Spoken.SCRIPT.size(), answer.getList("segments").size());
        List<Float> starts = answer.getList("words.start", Float.class);
        List<Float> ends = answer.getList("words.end", Float.class);
        assertEquals(String.join(" ", answer.getList("segments.text", String.class)).split(" ").length, starts.size());
        for (int i = 0; i < starts.size(); i++) {
            assertTrue(ends.get(i) > starts.get(i) && (i == 0 || starts.get(i) >= starts.get(i - 1)), "word " + i);
        }
        assertEquals(calls + 1, calls());
        transcribe(video).then().statusCode(200).body("cached", equalTo(true));
        assertEquals(calls + 1, calls(), "a cached transcript is not sent again");
    }

    @Test
    @Order(2)
    void aRateLimitIsWaitedOutAsTheServerAsks() {
        String video = VIDEO_002;
        StandIns.subtitles().media(video, StandInMedia.conversationMp3());
        fault("{\"status\":429,\"count\":1,\"retry_after\":0.5}");
        int calls = calls();
        long started = System.nanoTime();
        transcribe(video).then().statusCode(200).body("cached", equalTo(false));
        assertEquals(calls + 2, calls(), "one refused attempt, one that worked");
        assertTrue(System.nanoTime() - started >= 500_000_000L, "waited the Retry-After");
    }

    @Test
    @Order(3)
    void anAnswerThatIsNotVerboseJsonFailsClearly() {
        String video = VIDEO_003;
        StandIns.subtitles().media(video, StandInMedia.conversationMp3());
        fault("{\"status\":200,\"count\":1}");
        transcribe(video).then().statusCode(422)
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("The speech engine answered something unreadable"));
    }

    @Test
    @Order(4)
    void silenceHasNoSpeech() {
        String video = VIDEO_004;
        StandIns.subtitles().media(video, StandInMedia.silentMp4());
        transcribe(video).then().statusCode(422).body("error_code", equalTo("no_speech"));
    }

    @Test
    @Order(5)
    void aFailingServerOpensTheBreakerAndFailsFast() {
        String video = VIDEO_005;
        StandIns.subtitles().media(video, StandInMedia.conversationMp3());
        fault("{\"status\":503,\"count\":100}");
        int calls = calls();
        transcribe(video).then().statusCode(503)
                .body("error_code", equalTo("service_unavailable"))
                .body("message", equalTo("The speech engine is unavailable, please retry later"));
        int attempts = calls() - calls;
        assertTrue(attempts >= 1 && attempts <= 3, "at most three attempts, not " + attempts);
        // The breaker looks at the last four calls (RemoteSpeechProfile): it opens within a few more failures.
        boolean failedFast = false;
        for (int request = 0; request < 4 && !failedFast; request++) {
            int before = calls();
            transcribe(video).then().statusCode(503)
                    .body("message", equalTo("The speech engine is unavailable, please retry later"));
            failedFast = calls() == before;
        }
        assertTrue(failedFast, "an open breaker answers without calling the server");
    }

    private static Response transcribe(String video) {
        return given().contentType(ContentType.JSON).header("X-Request-Id", "req-" + UUID.randomUUID())
                .body("{}").post("/internal/v1/videos/" + video + "/transcription");
    }

    private static void fault(String json) {
        given().noFilters().contentType(ContentType.JSON).body(json)
                .post(StandIns.speech().origin() + "/__standin/speech-faults").then().statusCode(200);
    }

    private static int calls() {
        return StandIns.speech().count("transcriptions", "calls");
    }

    /** A TikTok-shaped video id no earlier run used. */
    private static String videoId() {
        return "75" + String.format("%017d", java.util.concurrent.ThreadLocalRandom.current().nextLong(100_000_000_000_000_000L));
    }
}

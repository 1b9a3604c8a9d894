package com.tikneuron.diarization.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.engine.SpeakerLabels;
import com.tikneuron.diarization.harness.StandInMedia;
import com.tikneuron.diarization.harness.Tools;
import com.tikneuron.diarization.standin.StandIns;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import com.tikneuron.testsupport.SettlementSchema;
import com.tikneuron.testsupport.Settlements;

@QuarkusTest
@WithTestResource(StandIns.class)
class DiarizationResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SRT_CUE = Pattern.compile("(?m)^\\d+\\n\\d{2}:\\d{2}:\\d{2},\\d{3} --> \\d{2}:\\d{2}:\\d{2},\\d{3}\\n(Speaker [A-Z]): ");
    // Concurrent callers need threads of their own: the common pool may have a single one.
    private static final ExecutorService CLIENTS = Executors.newCachedThreadPool();
    private static Settlements settlements;

    // Health and metrics are served on the management interface only; its URL already ends in the root path /q.
    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @BeforeAll
    static void prepare() {
        Tools.require("ffmpeg", "espeak-ng", "sox");
        settlements = new Settlements();
    }

    @AfterAll
    static void closeSettlements() {
        settlements.close();
        CLIENTS.shutdownNow();
    }

    @Test
    void twoSpeakerVideoIsChargedOnceAndEveryFormatNamesTheSpeakersInOrder() throws Exception {
        String account = UUID.randomUUID().toString();
        String video = "7354861484037524768";
        StandIns.subtitles().media(video, StandInMedia.conversationMp4());
        List<String> expected = StandInMedia.speakerOrder().stream().map(SpeakerLabels::label).toList();

        Response srt = post(account, video, "srt");
        srt.then().statusCode(200)
                .header("X-Credits-Charged", "10").header("X-Credits-Remaining", "90")
                .body("video_id", equalTo(video)).body("format", equalTo("srt")).body("cached", equalTo(false))
                .body("available_formats", equalTo(List.of("raw", "srt", "vtt", "txt")));
        assertEquals(expected, turns(SRT_CUE, srt.path("transcription_content")));

        var holds = StandIns.billing().holds(account);
        assertEquals(1, holds.size());
        assertEquals(10, holds.getFirst().path("amount").asInt());
        assertEquals("diarization", holds.getFirst().path("capability").asText());
        String holdId = holds.getFirst().path("hold_id").asText();
        assertTrue(holdId.startsWith("diarization:"), holdId);
        JsonNode captured = awaitEvent(account, "hold.captured");
        assertEquals(holdId + ":captured", captured.path("event_id").asText());
        assertTrue(SettlementSchema.violations(captured).isEmpty(), SettlementSchema.violations(captured).toString());

        Response vtt = post(account, video, "vtt");
        vtt.then().statusCode(200).header("X-Credits-Charged", "0").body("cached", equalTo(true)).body("format", equalTo("vtt"));
        String vttContent = vtt.path("transcription_content");
        assertTrue(vttContent.startsWith("WEBVTT\n\n"), vttContent);
        assertEquals(expected, turns(Pattern.compile("(?m)^<v (Speaker [A-Z])>"), vttContent));

        Response txt = post(account, video, "txt");
        txt.then().statusCode(200).header("X-Credits-Charged", "0").body("cached", equalTo(true));
        assertEquals(expected, turns(Pattern.compile("(?m)^(Speaker [A-Z]): \\S"), txt.path("transcription_content")));

        Response raw = post(account, video, null);
        raw.then().statusCode(200).header("X-Credits-Charged", "0").body("format", equalTo("raw")).body("cached", equalTo(true));
        JsonNode segments = JSON.readTree(raw.<String>path("transcription_content"));
        List<String> rawSpeakers = new ArrayList<>();
        for (JsonNode segment : segments) {
            assertTrue(segment.path("end").asDouble() > segment.path("start").asDouble(), segment.toString());
            assertTrue(segment.path("text").asText().length() > 0, segment.toString());
            assertTrue(segment.path("words").size() > 0, segment.toString());
            for (JsonNode word : segment.path("words")) {
                assertTrue(word.has("word") && word.has("start") && word.has("end"), word.toString());
            }
            String speaker = segment.path("speaker").asText();
            if (rawSpeakers.isEmpty() || !rawSpeakers.getLast().equals(speaker)) {
                rawSpeakers.add(speaker);
            }
        }
        assertEquals(expected, rawSpeakers);

        assertEquals(1, StandIns.billing().holds(account).size(), "cached answers make no hold");
        assertEquals(1, StandIns.subtitles().mediaRequests(video), "the media is fetched once");
        await().atMost(Duration.ofSeconds(20)).until(() -> events(account, "usage.cached").size() == 3);
        events(account, "usage.cached").forEach(event -> assertTrue(SettlementSchema.violations(event).isEmpty(), event.toString()));
    }

    @Test
    void videoWithoutSpeechFailsAndIsRefunded() {
        String account = UUID.randomUUID().toString();
        String video = "7361573949415050724";
        StandIns.subtitles().media(video, StandInMedia.silentMp4());
        post(account, video, "txt").then().statusCode(422)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("Failed to process video: No speech detected in this video"))
                .body("request_id", notNullValue());
        String holdId = StandIns.billing().holds(account).getFirst().path("hold_id").asText();
        JsonNode voided = awaitEvent(account, "hold.voided");
        assertEquals(holdId + ":voided", voided.path("event_id").asText());
        assertTrue(SettlementSchema.violations(voided).isEmpty(), SettlementSchema.violations(voided).toString());
        assertTrue(events(account, "hold.captured").isEmpty());
    }

    @Test
    void tooLargeMediaFailsClearlyAndIsRefunded() {
        String account = UUID.randomUUID().toString();
        String video = "7378753816223753998";
        StandIns.subtitles().mediaStatus(video, 413);
        post(account, video, "srt").then().statusCode(422)
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("Failed to process video: The video is too large to process"));
        awaitEvent(account, "hold.voided");
    }

    @Test
    void holdAndSettlementsAreKeyedByTheGatewaysCallIdWhileTheRequestIdOnlyCorrelates() {
        String account = UUID.randomUUID().toString();
        String video = "7378753816223753001";
        // Refused media: the hold is made and voided without running the engine.
        StandIns.subtitles().mediaStatus(video, 413);
        String callId = newCallId();
        post(account, video, "x1", callId).then().statusCode(422).body("request_id", equalTo("x1"));
        var holds = StandIns.billing().holds(account);
        assertEquals(1, holds.size());
        assertEquals(callId, holds.getFirst().path("request_id").asText());
        assertEquals("x1", holds.getFirst().path("correlation_id").asText(), "shown in the usage history");
        JsonNode voided = awaitEvent(account, "hold.voided");
        assertEquals(callId, voided.path("request_id").asText());
        assertEquals("x1", voided.path("correlation_id").asText());
    }

    @Test
    void callWithoutAWellFormedCallIdIsKeyedByAFreshOneNeverByWhatTheClientSent() {
        String upper = "call_" + newCallId().substring(5).toUpperCase(java.util.Locale.ROOT);
        List<String> candidates = new ArrayList<>(java.util.Arrays.asList(null, "x1", "call_1234", upper,
                newCallId() + "0", "call_" + "g".repeat(32)));
        Set<String> made = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            String candidate = candidates.get(i);
            String account = UUID.randomUUID().toString();
            String video = "737875381622375301" + i;
            StandIns.subtitles().mediaStatus(video, 413);
            post(account, video, "x1", candidate).then().statusCode(422);
            String keyed = StandIns.billing().holds(account).getFirst().path("request_id").asText();
            assertTrue(keyed.matches("call_[0-9a-f]{32}"), "a call id of the gateway's shape: " + keyed);
            assertTrue(!keyed.equals(candidate) && !keyed.equals("x1"), "never the client's: " + keyed);
            assertEquals(keyed, awaitEvent(account, "hold.voided").path("request_id").asText());
            made.add(keyed);
        }
        assertEquals(candidates.size(), made.size(), "a fresh id for every call");
    }

    @Test
    void accountWithoutTenCreditsGets402AndNoWorkIsDone() {
        String account = UUID.randomUUID().toString();
        String video = "7392115934734614480";
        StandIns.billing().balance(account, 9);
        StandIns.subtitles().media(video, StandInMedia.conversationMp3());
        post(account, video, "srt").then().statusCode(402)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("insufficient_credits"))
                .body("message", equalTo("Insufficient credits"));
        assertEquals(0, StandIns.subtitles().mediaRequests(video));
    }

    @Test
    void invalidFieldsGetTheContractsValidationBody() {
        given().contentType(ContentType.JSON).header("X-Account-Id", UUID.randomUUID().toString())
                .header("X-Key-Mode", "live")
                .body("{\"url\":\"not a url\",\"format\":\"docx\"}")
                .post("/api/v1/tiktok/diarization")
                .then().statusCode(422)
                .body("message", equalTo("The given data was invalid."))
                .body("errors.url", equalTo(List.of("Please provide a valid TikTok URL.")))
                .body("errors.format", equalTo(List.of("Format must be one of: raw, srt, vtt, txt.")));
        given().contentType(ContentType.JSON).header("X-Account-Id", UUID.randomUUID().toString())
                .body("{\"url\":\"https://www.tiktok.com/@someone/video/123\"}")
                .post("/api/v1/tiktok/diarization")
                .then().statusCode(422)
                .body("errors.url", equalTo(List.of("Please provide a valid TikTok URL.")));
        given().contentType(ContentType.JSON).header("X-Account-Id", UUID.randomUUID().toString())
                .body("[1, 2]").post("/api/v1/tiktok/diarization")
                .then().statusCode(422).body("message", equalTo("The given data was invalid."));
    }

    @Test
    void unavailableVideoFailsWithoutAHold() {
        String account = UUID.randomUUID().toString();
        post(account, "4041234567890123456", "srt").then().statusCode(422)
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("Failed to process video: This video is unavailable"));
        assertTrue(StandIns.billing().holds(account).isEmpty());
    }

    @Test
    void fullQueueAnswers503AtOnceAndRefunds() {
        String busyAccount = UUID.randomUUID().toString();
        String account = UUID.randomUUID().toString();
        StandIns.subtitles().close();
        try {
            // One worker busy downloading, one job queued (the test profile has one worker and a queue of one).
            CompletableFuture<Response> running = CompletableFuture.supplyAsync(() -> post(busyAccount, "7401660308869023780", "txt"), CLIENTS);
            await().atMost(Duration.ofSeconds(20)).until(() -> StandIns.subtitles().mediaRequests("7401660308869023780") == 1);
            CompletableFuture<Response> queued = CompletableFuture.supplyAsync(() -> post(busyAccount, "7406432493050499115", "txt"), CLIENTS);
            await().atMost(Duration.ofSeconds(20)).until(() -> metric("tikneuron_diarization_queue") >= 1);

            long started = System.nanoTime();
            post(account, "7396888120245563187", "txt").then().statusCode(503)
                    .header("X-Credits-Charged", "0")
                    .header("X-Credits-Remaining", "90")
                    .body("error_code", equalTo("service_unavailable"));
            // Waiting for a place in the queue would last until the media gate opens (60 s, SubtitleStandIn) or
            // below; half of that leaves a busy machine ample margin.
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(30).toNanos(), "a full queue does not wait for a place");
            awaitEvent(account, "hold.voided");

            StandIns.subtitles().open();
            assertEquals(422, running.join().statusCode());
            assertEquals(422, queued.join().statusCode());
        } finally {
            StandIns.subtitles().open();
        }
    }

    @Test
    void concurrentIdenticalRequestsAreDiarizedAndPaidOnce() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String video = "7372496949768752439";
        StandIns.subtitles().media(video, StandInMedia.conversationMp3());
        StandIns.subtitles().close();
        CompletableFuture<Response> a;
        CompletableFuture<Response> b;
        try {
            a = CompletableFuture.supplyAsync(() -> post(first, video, "txt"), CLIENTS);
            await().atMost(Duration.ofSeconds(20)).until(() -> StandIns.subtitles().mediaRequests(video) == 1);
            b = CompletableFuture.supplyAsync(() -> post(second, video, "srt"), CLIENTS);
            await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> StandIns.subtitles().mediaRequests(video) == 1);
        } finally {
            StandIns.subtitles().open();
        }
        Response firstAnswer = a.join();
        Response secondAnswer = b.join();
        firstAnswer.then().statusCode(200).header("X-Credits-Charged", "10").body("cached", equalTo(false));
        secondAnswer.then().statusCode(200).header("X-Credits-Charged", "0").body("cached", equalTo(true));
        assertEquals(1, StandIns.billing().holds(first).size());
        assertTrue(StandIns.billing().holds(second).isEmpty());
        assertEquals(1, StandIns.subtitles().mediaRequests(video));
    }

    @Test
    void unacknowledgedSettlementsAreCountedForTheAlert() {
        // The alert SettlementPublishFailing watches this counter in every capability service; with the broker up
        // it exists and stays at zero.
        assertEquals(0.0, metric("tikneuron_settlement_publish_failures_total"));
    }

    @Test
    void healthReportsTheEngine() {
        given().get(readiness).then().statusCode(200)
                .body("checks.name", hasItems("diarization-engine"));
    }

    private static Response post(String account, String video, String format) {
        String body = format == null
                ? "{\"url\":\"https://www.tiktok.com/@creator/video/" + video + "\"}"
                : "{\"url\":\"https://www.tiktok.com/@creator/video/" + video + "\",\"format\":\"" + format + "\"}";
        return given().contentType(ContentType.JSON)
                .header("X-Account-Id", account).header("X-Key-Mode", "live")
                .header("X-Request-Id", "req-" + UUID.randomUUID())
                .header("X-Call-Id", newCallId())
                .body(body).post("/api/v1/tiktok/diarization");
    }

    /** A txt request with the given request id and call id (null: header left out). */
    private static Response post(String account, String video, String requestId, String callId) {
        var request = given().contentType(ContentType.JSON)
                .header("X-Account-Id", account).header("X-Key-Mode", "live")
                .header("X-Request-Id", requestId);
        if (callId != null) {
            request.header("X-Call-Id", callId);
        }
        return request.body("{\"url\":\"https://www.tiktok.com/@creator/video/" + video + "\",\"format\":\"txt\"}")
                .post("/api/v1/tiktok/diarization");
    }

    /** A call id as the gateway makes one. */
    private static String newCallId() {
        return "call_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static List<String> turns(Pattern label, String content) {
        List<String> turns = new ArrayList<>();
        Matcher matcher = label.matcher(content);
        while (matcher.find()) {
            if (turns.isEmpty() || !turns.getLast().equals(matcher.group(1))) {
                turns.add(matcher.group(1));
            }
        }
        return turns;
    }

    private static JsonNode awaitEvent(String account, String type) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !events(account, type).isEmpty());
        return events(account, type).getFirst();
    }

    private static List<JsonNode> events(String account, String type) {
        return settlements.forAccount(account).stream().map(Settlements.Event::value)
                .filter(value -> value != null && type.equals(value.path("type").asText())).toList();
    }

    private double metric(String name) {
        String metrics = given().get(this.metrics).asString();
        Matcher matcher = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(metrics);
        if (!matcher.find()) {
            throw new AssertionError("no metric " + name + " in\n" + metrics.lines().filter(line -> line.contains("diarization")).toList());
        }
        return Double.parseDouble(matcher.group(1));
    }
}

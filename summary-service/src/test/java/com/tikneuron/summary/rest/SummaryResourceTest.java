package com.tikneuron.summary.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.summary.Fixtures;
import com.tikneuron.summary.engine.PromptLibrary;
import com.tikneuron.summary.standin.LlmStandIn;
import com.tikneuron.summary.standin.LlmStandIn.Reply;
import com.tikneuron.summary.standin.StandIns;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import com.tikneuron.testsupport.ServiceCredentialForTests;
import com.tikneuron.testsupport.SettlementSchema;
import com.tikneuron.testsupport.Settlements;

@QuarkusTest
@WithTestResource(StandIns.class)
class SummaryResourceTest {

    private static Settlements settlements;

    @Inject
    Pool pool;

    @Inject
    PromptLibrary prompts;

    @TestHTTPResource("/api/v1/tiktok/summarize")
    URL summarizeUrl;

    // Health and metrics are served on the management interface only; its URL already ends in the root path /q.
    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @BeforeAll
    static void readSettlements() {
        settlements = new Settlements();
    }

    @AfterAll
    static void closeSettlements() {
        settlements.close();
    }

    @BeforeEach
    void freshModel() {
        StandIns.llm().reset();
        StandIns.subtitles().down(false);
        StandIns.billing().down(false);
    }

    static Response summarize(String account, String videoId, String type, String language) {
        return summarize(account, "live", body(Fixtures.url(videoId), type, language));
    }

    static Map<String, Object> body(String url, String type, String language) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("summary_type", type);
        body.put("language", language);
        return body;
    }

    static Response summarize(String account, String mode, Object body) {
        return given().contentType(ContentType.JSON)
                .header("X-Account-Id", account)
                .header("X-Key-Mode", mode)
                .header("X-Request-Id", "req-test-" + System.nanoTime())
                .header(CALL_ID, newCallId())
                .body(body)
                .post("/api/v1/tiktok/summarize");
    }

    static final String CALL_ID = "X-Call-Id";

    /** A call id as the gateway makes one. */
    static String newCallId() {
        return "call_" + java.util.UUID.randomUUID().toString().replace("-", "");
    }

    /** A summarize call with the given request id and call id (null: header left out). */
    static Response summarizeAs(String account, String requestId, String callId) {
        var request = given().contentType(ContentType.JSON)
                .header("X-Account-Id", account)
                .header("X-Key-Mode", "live")
                .header("X-Request-Id", requestId);
        if (callId != null) {
            request.header(CALL_ID, callId);
        }
        return request.body(body(Fixtures.url(Fixtures.englishVideo()), "bulletpoint", "en")).post("/api/v1/tiktok/summarize");
    }

    static List<Settlements.Event> awaitEvents(String account, int count) {
        List<Settlements.Event> events = await().atMost(Duration.ofSeconds(15))
                .until(() -> settlements.forAccount(account), seen -> seen.size() >= count);
        for (Settlements.Event event : events) {
            assertEquals(Set.of(), SettlementSchema.violations(event.value()), "meets the event contract: " + event.value());
            assertEquals(account, event.value().path("account_id").asText());
        }
        return events;
    }

    @Test
    void bulletSummaryIsChargedOnceThenServedFreeFromTheCache() {
        String account = Fixtures.newAccount();
        String video = Fixtures.englishVideo();

        Response first = summarize(account, video, "bulletpoint", "en");
        first.then().statusCode(200)
                .header("X-Credits-Charged", "2")
                .header("X-Credits-Remaining", "98")
                .body("video_id", equalTo(video))
                .body("summary_type", equalTo("bulletpoint"))
                .body("language", equalTo("en"))
                .body("cached", is(false));
        String[] lines = first.path("summary").toString().split("\n");
        assertTrue(lines.length >= 3 && lines.length <= 7, "3 to 7 bullet lines: " + lines.length);
        for (String line : lines) {
            assertTrue(line.startsWith("- "), line);
        }
        List<JsonNode> holds = StandIns.billing().holds(account);
        assertEquals(1, holds.size());
        JsonNode hold = holds.get(0);
        assertTrue(hold.path("hold_id").asText().matches("summary:[0-9a-f-]{36}"), hold.toString());
        assertEquals(2, hold.path("amount").asInt());
        assertEquals("summary", hold.path("capability").asText());
        assertEquals("live", hold.path("mode").asText());
        assertEquals(video, hold.path("video_id").asText());

        JsonNode captured = awaitEvents(account, 1).get(0).value();
        assertEquals("hold.captured", captured.path("type").asText());
        assertEquals(hold.path("hold_id").asText() + ":captured", captured.path("event_id").asText());
        assertEquals(1, captured.path("version").asInt());
        assertEquals(2, captured.path("amount").asInt());
        assertEquals("summary", captured.path("capability").asText());
        assertTrue(captured.path("occurred_at").asText().endsWith("Z"));
        int modelCalls = StandIns.llm().requests().size();
        assertEquals(1, modelCalls);

        String second = Fixtures.newAccount();
        summarize(second, video, "bulletpoint", "en").then().statusCode(200)
                .header("X-Credits-Charged", "0")
                .header("X-Credits-Remaining", nullValue())
                .body("cached", is(true))
                .body("summary", equalTo(first.path("summary")));
        assertEquals(modelCalls, StandIns.llm().requests().size(), "a cached answer never calls the model");
        assertEquals(0, StandIns.billing().holds(second).size(), "a cached answer makes no hold");
        JsonNode cached = awaitEvents(second, 1).get(0).value();
        assertEquals("usage.cached", cached.path("type").asText());
        assertTrue(cached.path("event_id").asText().startsWith("cached:"));
        assertEquals(video, cached.path("video_id").asText());
    }

    @Test
    void holdAndSettlementsAreKeyedByTheGatewaysCallIdWhileTheRequestIdOnlyCorrelates() {
        String account = Fixtures.newAccount();
        String callId = newCallId();
        Response first = summarizeAs(account, "x1", callId);
        first.then().statusCode(200).body("cached", is(false));
        List<JsonNode> holds = StandIns.billing().holds(account);
        assertEquals(1, holds.size());
        assertEquals(callId, holds.get(0).path("request_id").asText());
        assertEquals("x1", holds.get(0).path("correlation_id").asText(), "shown in the usage history");
        JsonNode captured = awaitEvents(account, 1).get(0).value();
        assertEquals("hold.captured", captured.path("type").asText());
        assertEquals(callId, captured.path("request_id").asText());
        assertEquals("x1", captured.path("correlation_id").asText());

        String second = Fixtures.newAccount();
        String secondCall = newCallId();
        given().contentType(ContentType.JSON).header("X-Account-Id", second).header("X-Request-Id", "x1")
                .header(CALL_ID, secondCall).body(body(Fixtures.url(video(first)), "bulletpoint", "en"))
                .post("/api/v1/tiktok/summarize").then().statusCode(200).body("cached", is(true));
        JsonNode cached = awaitEvents(second, 1).get(0).value();
        assertEquals("usage.cached", cached.path("type").asText());
        assertEquals(secondCall, cached.path("request_id").asText());
        assertEquals("x1", cached.path("correlation_id").asText());
    }

    @Test
    void callWithoutAWellFormedCallIdIsKeyedByAFreshOneNeverByWhatTheClientSent() {
        String upper = newCallId().toUpperCase(java.util.Locale.ROOT).replace("CALL_", "call_");
        List<String> candidates = new ArrayList<>(java.util.Arrays.asList(null, "x1", "call_1234", upper,
                newCallId() + "0", "call_" + "g".repeat(32)));
        Set<String> made = new java.util.HashSet<>();
        for (String candidate : candidates) {
            String account = Fixtures.newAccount();
            summarizeAs(account, "x1", candidate).then().statusCode(200);
            String keyed = StandIns.billing().holds(account).get(0).path("request_id").asText();
            assertTrue(keyed.matches("call_[0-9a-f]{32}"), "a call id of the gateway's shape: " + keyed);
            assertTrue(!keyed.equals(candidate) && !keyed.equals("x1"), "never the client's: " + keyed);
            assertEquals(keyed, awaitEvents(account, 1).get(0).value().path("request_id").asText());
            made.add(keyed);
        }
        assertEquals(candidates.size(), made.size(), "a fresh id for every call");
    }

    @Test
    void errorBodiesStillCarryTheClientsRequestId() {
        String account = Fixtures.newAccount();
        StandIns.billing().balance(account, 1);
        summarizeAs(account, "x1", newCallId()).then().statusCode(402)
                .body("error_code", equalTo("insufficient_credits"))
                .body("request_id", equalTo("x1"));
    }

    private static String video(Response response) {
        return response.path("video_id");
    }

    @Test
    void textualSummaryIsOneToThreeParagraphsOfProse() {
        String video = Fixtures.englishVideo();
        Response response = summarize(Fixtures.newAccount(), video, "textual", "en");
        response.then().statusCode(200).body("summary_type", equalTo("textual")).body("cached", is(false));
        String summary = response.path("summary");
        String[] paragraphs = summary.split("\n\n");
        assertTrue(paragraphs.length >= 1 && paragraphs.length <= 3);
        assertTrue(summary.lines().noneMatch(line -> line.startsWith("- ")));
        assertTrue(StandIns.llm().requests().get(0).system().contains("one to three short paragraphs"));
    }

    @Test
    void structuredSummaryIsAJsonObjectWithTheFourFields() {
        String video = Fixtures.englishVideo();
        summarize(Fixtures.newAccount(), video, "structured", "en").then().statusCode(200)
                .body("summary_type", equalTo("structured"))
                .body("summary.tldr", notNullValue())
                .body("summary.takeaways", hasSize(3))
                .body("summary.sentiment", is(in(List.of("positive", "negative", "neutral", "mixed"))))
                .body("summary.cta", notNullValue());
    }

    @Test
    void structuredAnswerInACodeFenceWithAnUppercaseSentimentIsNormalised() {
        StandIns.llm().enqueue(Reply.answer("""
                ```json
                {"tldr": "Bread.", "takeaways": ["Feed it", "Proof it", "Bake it"], "sentiment": "Mixed", "cta": "Bake along!", "extra": 1}
                ```"""));
        summarize(Fixtures.newAccount(), Fixtures.englishVideo(), "structured", "en").then().statusCode(200)
                .body("summary.sentiment", equalTo("mixed"))
                .body("summary.extra", nullValue())
                .body("summary.takeaways", hasItem("Proof it"));
    }

    @Test
    void summaryInAnotherLanguageAsksTheModelForThatLanguageWithTheVideoMetadata() {
        String video = Fixtures.englishVideo();
        summarize(Fixtures.newAccount(), video, "bulletpoint", "de").then().statusCode(200)
                .body("language", equalTo("de"))
                .body("summary", equalTo(LlmStandIn.VALID_BULLETS_DE));
        LlmStandIn.Recorded request = StandIns.llm().requests().get(0);
        assertEquals("stand-in-model", request.body().path("model").asText());
        assertEquals("Bearer sk-stand-in-key", request.authorization());
        assertTrue(request.system().contains("Write in German"), request.system());
        assertTrue(request.user().contains("Summarise this video in German"));
        assertTrue(request.user().contains("@chef.marta"), "creator in the prompt");
        assertTrue(request.user().contains("#baking #sourdough"), "hashtags in the prompt");
        assertTrue(request.user().contains("original sound by Marta Cooks"), "music in the prompt");
        assertTrue(request.user().contains("1520000 plays"), "engagement in the prompt");
        assertTrue(request.user().contains("Sourdough in three days"), "description in the prompt");
        assertTrue(request.user().contains("fed twice a day for three days"), "transcript in the prompt");
        assertTrue(request.user().contains("eng-US"));
    }

    @Test
    void preambleAndMarkdownBulletsAreNormalisedAway() {
        StandIns.llm().enqueue(Reply.answer("""
                Here is a summary of the video:

                * **Feed** the starter twice a day.
                * Proof the dough overnight in the fridge.
                1. Bake in a covered pot.
                """));
        summarize(Fixtures.newAccount(), Fixtures.englishVideo(), "bulletpoint", "en").then().statusCode(200)
                .body("summary", equalTo("- Feed the starter twice a day.\n- Proof the dough overnight in the fridge.\n- Bake in a covered pot."));
        assertEquals(1, StandIns.llm().requests().size());
    }

    @Test
    void malformedAnswerIsAskedForOnceMore() {
        StandIns.llm().enqueue(Reply.answer("The video is about bread. It is nice."));
        Response response = summarize(Fixtures.newAccount(), Fixtures.englishVideo(), "bulletpoint", "en");
        response.then().statusCode(200).body("summary", equalTo(LlmStandIn.VALID_BULLETS));
        List<LlmStandIn.Recorded> requests = StandIns.llm().requests();
        assertEquals(2, requests.size());
        JsonNode retryMessages = requests.get(1).body().path("messages");
        assertEquals(4, retryMessages.size());
        assertEquals("assistant", retryMessages.get(2).path("role").asText());
        assertTrue(retryMessages.get(3).path("content").asText().contains("did not follow the required format"));
    }

    @Test
    void secondMalformedAnswerFailsAndRefundsTheHold() {
        String account = Fixtures.newAccount();
        StandIns.llm().enqueue(Reply.answer("Just one line."));
        StandIns.llm().enqueue(Reply.answer("Still one line."));
        summarize(account, Fixtures.englishVideo(), "bulletpoint", "en").then().statusCode(422)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("Failed to process video: The language model returned a malformed summary"))
                .body("request_id", notNullValue());
        assertVoided(account);
    }

    @Test
    void rateLimitedRequestIsRetriedAfterTheServersRetryAfter() {
        StandIns.llm().enqueue(Reply.error(429, "rate_limit_exceeded", "Rate limit reached for requests", Map.of("Retry-After", "1")));
        summarize(Fixtures.newAccount(), Fixtures.englishVideo(), "bulletpoint", "en").then().statusCode(200);
        List<LlmStandIn.Recorded> requests = StandIns.llm().requests();
        assertEquals(2, requests.size());
        Duration waited = Duration.between(requests.get(0).at(), requests.get(1).at());
        assertTrue(waited.toMillis() >= 900, "waited " + waited);
    }

    @Test
    void serverErrorsUntilTheLastAttemptFailAndRefund() {
        String account = Fixtures.newAccount();
        for (int i = 0; i < 3; i++) {
            StandIns.llm().enqueue(Reply.error(503, "server_error", "The server is overloaded", Map.of()));
        }
        summarize(account, Fixtures.englishVideo(), "bulletpoint", "en").then().statusCode(422)
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("Failed to process video: The language model is unavailable, please retry later"));
        assertEquals(3, StandIns.llm().requests().size());
        assertVoided(account);
    }

    @Test
    void rejectedRequestIsNotRetriedAndLeaksNothing() {
        String account = Fixtures.newAccount();
        StandIns.llm().enqueue(Reply.error(401, "invalid_api_key", "Incorrect API key provided: sk-sta***key", Map.of()));
        summarize(account, Fixtures.englishVideo(), "bulletpoint", "en").then().statusCode(422)
                .body("message", equalTo("Failed to process video: The language model refused the request (HTTP 401)"));
        assertEquals(1, StandIns.llm().requests().size());
        assertVoided(account);
    }

    @Test
    void slowAnswerIsAbandonedAndAskedAgain() {
        StandIns.llm().enqueue(Reply.slowAnswer(LlmStandIn.VALID_BULLETS, 4000));
        summarize(Fixtures.newAccount(), Fixtures.englishVideo(), "bulletpoint", "en").then().statusCode(200);
        assertEquals(2, StandIns.llm().requests().size());
    }

    @Test
    void twoHourTranscriptIsSummarisedChunkByChunkThenAsAWhole() {
        String transcript = Fixtures.twoHourTranscript();
        String video = Fixtures.video("eng-US", transcript, Map.of());
        summarize(Fixtures.newAccount(), video, "bulletpoint", "en").then().statusCode(200)
                .body("summary", equalTo(LlmStandIn.VALID_BULLETS));
        List<LlmStandIn.Recorded> requests = StandIns.llm().requests();
        List<LlmStandIn.Recorded> chunks = requests.stream().filter(r -> r.system().contains("take notes on one part")).toList();
        List<LlmStandIn.Recorded> finals = requests.stream().filter(r -> !r.system().contains("take notes on one part")).toList();
        // 3,000 tokens of about 4 characters per chunk: the whole transcript needs at least this many chunks.
        int expectedAtLeast = transcript.length() / (3000 * 4);
        assertTrue(chunks.size() >= expectedAtLeast, chunks.size() + " chunks");
        for (LlmStandIn.Recorded chunk : chunks) {
            assertTrue(chunk.user().length() <= 3000 * 4 + 200, "chunk within budget: " + chunk.user().length());
            assertTrue(chunk.user().contains("of " + chunks.size() + " of the transcript"));
        }
        assertEquals(1, finals.size());
        assertTrue(finals.get(0).user().contains("Notes taken on consecutive parts"));
        assertTrue(finals.get(0).user().length() < 6000 * 4, "the reduce prompt fits the budget");
        String allChunks = String.join(" ", chunks.stream().map(LlmStandIn.Recorded::user).toList());
        assertTrue(allChunks.contains("example number 0."), "the first sentence is in a chunk");
        assertTrue(allChunks.contains(transcript.substring(transcript.length() - 60)), "the last sentence is in a chunk");
    }

    @Test
    void videoWithoutCaptionsFailsWithTheContractMessageAndCostsNothing() {
        String account = Fixtures.newAccount();
        summarize(account, Fixtures.videoWithoutCaptions(), "bulletpoint", "en").then().statusCode(422)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("Failed to process video: No subtitle available for this video"));
        assertEquals(0, StandIns.billing().holds(account).size(), "no hold is made when there is nothing to summarise");
        assertEquals(0, StandIns.llm().requests().size());
    }

    @Test
    void accountWithoutEnoughCreditsIsRefusedBeforeAnyWork() {
        String account = Fixtures.newAccount();
        StandIns.billing().balance(account, 1);
        summarize(account, Fixtures.englishVideo(), "bulletpoint", "en").then().statusCode(402)
                .body("error_code", equalTo("insufficient_credits"))
                .body("message", equalTo("Insufficient credits"))
                .body("request_id", notNullValue());
        assertEquals(0, StandIns.llm().requests().size());
    }

    @Test
    void testKeysAreNotCharged() {
        String account = Fixtures.newAccount();
        summarize(account, "test", body(Fixtures.url(Fixtures.englishVideo()), "bulletpoint", "en")).then().statusCode(200)
                .header("X-Credits-Charged", "0");
        assertEquals("test", StandIns.billing().holds(account).get(0).path("mode").asText());
        JsonNode captured = awaitEvents(account, 1).get(0).value();
        assertEquals("test", captured.path("mode").asText());
    }

    @Test
    void invalidFieldsGetTheContractsValidationBody() {
        summarize(Fixtures.newAccount(), "live", Map.of("url", "", "summary_type", "haiku", "language", "pt")).then()
                .statusCode(422)
                .body("message", equalTo("The given data was invalid."))
                .body("errors.url[0]", equalTo("Please provide a valid TikTok URL."))
                .body("errors.summary_type[0]", containsString("bulletpoint"))
                .body("errors.language[0]", equalTo("Language must be one of: en, es, id, de, fr, da, ar, it."))
                .body("request_id", notNullValue());
    }

    @Test
    void urlThatIsNoTikTokVideoGetsTheUrlValidationMessage() {
        summarize(Fixtures.newAccount(), "live", Map.of("url", "https://example.com/watch?v=1")).then().statusCode(422)
                .body("errors.url[0]", equalTo("Please provide a valid TikTok URL."));
    }

    @Test
    void defaultsAreBulletPointsInEnglish() {
        summarize(Fixtures.newAccount(), "live", Map.of("url", Fixtures.url(Fixtures.englishVideo()))).then().statusCode(200)
                .body("summary_type", equalTo("bulletpoint"))
                .body("language", equalTo("en"));
    }

    @Test
    void bodyThatIsNotJsonIsRefusedWithoutDetails() {
        given().contentType(ContentType.JSON).header("X-Account-Id", Fixtures.newAccount()).body("{\"url\": ")
                .post("/api/v1/tiktok/summarize").then().statusCode(422)
                .body("message", equalTo("The given data was invalid."))
                .body(allOf(not("Exception"), not("jackson")));
    }

    @Test
    void missingAccountHeaderIsABadRequest() {
        given().contentType(ContentType.JSON).body(Map.of("url", Fixtures.url(Fixtures.englishVideo())))
                .post("/api/v1/tiktok/summarize").then().statusCode(400)
                .body("error_code", equalTo("invalid_request"));
    }

    @Test
    void subtitleServiceDownIsServiceUnavailableWithoutAHold() {
        String account = Fixtures.newAccount();
        StandIns.subtitles().down(true);
        summarize(account, Fixtures.englishVideo(), "bulletpoint", "en").then().statusCode(503)
                .body("error_code", equalTo("service_unavailable"))
                .body("message", matchesPattern("The subtitle service is unavailable.*"));
        assertEquals(0, StandIns.billing().holds(account).size());
    }

    @Test
    void billingDownIsServiceUnavailableAndNoWorkIsDone() {
        StandIns.billing().down(true);
        summarize(Fixtures.newAccount(), Fixtures.englishVideo(), "bulletpoint", "en").then().statusCode(503)
                .body("error_code", equalTo("service_unavailable"))
                .body("message", matchesPattern("The billing service is unavailable.*"));
        assertEquals(0, StandIns.llm().requests().size());
    }

    @Test
    void identicalConcurrentRequestsAreSummarisedAndPaidOnce() {
        String video = Fixtures.englishVideo();
        StandIns.llm().enqueue(Reply.slowAnswer(LlmStandIn.VALID_BULLETS, 1000));
        List<String> accounts = List.of(Fixtures.newAccount(), Fixtures.newAccount(), Fixtures.newAccount());
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        for (String account : accounts) {
            calls.add(CompletableFuture.supplyAsync(() -> summarize(account, video, "bulletpoint", "en")));
        }
        List<Response> responses = calls.stream().map(CompletableFuture::join).toList();
        assertTrue(responses.stream().allMatch(r -> r.statusCode() == 200));
        assertEquals(1, responses.stream().filter(r -> !r.<Boolean>path("cached")).count(), "one request does the work");
        assertEquals(1, StandIns.llm().requests().size());
        assertEquals(1, accounts.stream().mapToInt(a -> StandIns.billing().holds(a).size()).sum(), "one hold in all");
        assertTrue(responses.stream().map(r -> r.<String>path("summary")).toList().stream().allMatch(LlmStandIn.VALID_BULLETS::equals));
    }

    private static void assertVoided(String account) {
        List<JsonNode> holds = StandIns.billing().holds(account);
        assertEquals(1, holds.size());
        JsonNode voided = awaitEvents(account, 1).get(0).value();
        assertEquals("hold.voided", voided.path("type").asText());
        assertEquals(holds.get(0).path("hold_id").asText() + ":voided", voided.path("event_id").asText());
        assertEquals(2, voided.path("amount").asInt());
        assertTrue(voided.hasNonNull("reason"));
    }

    private static org.hamcrest.Matcher<Object> not(String fragment) {
        return org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasToString(containsString(fragment)));
    }

    @Test
    void readinessShowsTheLanguageModelAndPromptVersion() {
        given().get(readiness).then().statusCode(200)
                .body("checks.find { it.name == 'summary engine' }.data.engine", equalTo("llm"))
                .body("checks.find { it.name == 'summary engine' }.data.model", equalTo("stand-in-model"))
                .body("checks.find { it.name == 'summary engine' }.data.version", matchesPattern("v1-[0-9a-f]{12}"));
    }

    @Test
    void unavailableVideoFailsWithSubtitleServicesReasonAndCostsNothing() {
        String account = Fixtures.newAccount();
        summarize(account, Fixtures.newVideoId(), "bulletpoint", "en").then().statusCode(422)
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("Failed to process video: This video is private"));
        assertEquals(0, StandIns.billing().holds(account).size());
    }

    @Test
    void requestWaitsForTheReplicaThatClaimedTheSameSummaryAndGetsItFree() {
        String video = Fixtures.englishVideo();
        List<Object> key = List.of(video, "bulletpoint", "en", prompts.version(), sha256(Fixtures.SOURDOUGH_EN));
        sql("INSERT INTO summary.work_claims VALUES ($1, 'other-replica', now() + INTERVAL '1 minute')", List.of(claimKey(key)));
        String account = Fixtures.newAccount();
        CompletableFuture<Response> call = CompletableFuture.supplyAsync(() -> summarize(account, video, "bulletpoint", "en"));

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !call.isDone());
        List<Object> row = new ArrayList<>(key);
        row.add("- Made elsewhere.\n- Stored by the other replica.\n- Served here.");
        sql("INSERT INTO summary.summaries (video_id, summary_type, language, prompt_version, transcript_sha256, summary, engine)"
                + " VALUES ($1, $2, $3, $4, $5, $6, 'llm')", row);
        sql("DELETE FROM summary.work_claims WHERE claim_key = $1 AND owner = 'other-replica'", List.of(claimKey(key)));

        call.join().then().statusCode(200)
                .body("cached", is(true))
                .body("summary", equalTo(row.get(5)))
                .header("X-Credits-Charged", "0");
        assertEquals(0, StandIns.billing().holds(account).size());
        assertEquals(0, StandIns.llm().requests().size());
    }

    @Test
    void claimOfAReplicaThatDiedIsTakenOverAndReleasedAfterTheWork() {
        String video = Fixtures.englishVideo();
        List<Object> key = List.of(video, "bulletpoint", "en", prompts.version(), sha256(Fixtures.SOURDOUGH_EN));
        sql("INSERT INTO summary.work_claims VALUES ($1, 'dead-replica', now() - INTERVAL '1 second')", List.of(claimKey(key)));
        String account = Fixtures.newAccount();
        summarize(account, video, "bulletpoint", "en").then().statusCode(200).body("cached", is(false));
        assertEquals(1, StandIns.billing().holds(account).size());
        assertEquals(0, pool.preparedQuery("SELECT 1 FROM summary.work_claims WHERE claim_key = $1")
                .execute(Tuple.of(claimKey(key))).await().indefinitely().rowCount());
    }

    /** The paid protocol's claim key of a summary: its cache key's fields, in order. */
    private static String claimKey(List<Object> cacheKey) {
        return String.join("|", cacheKey.stream().map(String::valueOf).toList());
    }

    private void sql(String statement, List<Object> values) {
        pool.preparedQuery(statement).execute(Tuple.from(values)).await().atMost(Duration.ofSeconds(10));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void callerHangingUpDuringTheWorkGetsTheHoldVoided() throws Exception {
        String account = Fixtures.newAccount();
        // Every attempt outlasts the model timeout: the work goes on for three attempts (about 6 s), however busy the
        // machine, while the caller hangs up as soon as the model has the request.
        for (int i = 0; i < 3; i++) {
            StandIns.llm().enqueue(Reply.slowAnswer(LlmStandIn.VALID_BULLETS, 10_000));
        }
        byte[] body = new ObjectMapper().writeValueAsBytes(body(Fixtures.url(Fixtures.englishVideo()), "bulletpoint", "en"));
        try (Socket socket = new Socket(summarizeUrl.getHost(), summarizeUrl.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + summarizeUrl.getPath() + " HTTP/1.1\r\nHost: " + summarizeUrl.getHost() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                    + "X-Account-Id: " + account + "\r\nX-Call-Id: " + newCallId() + "\r\n"
                    + ServiceCredentialForTests.HEADER + ": " + ServiceCredentialForTests.VALUE + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            await().atMost(Duration.ofSeconds(15)).until(() -> !StandIns.llm().requests().isEmpty());
        }
        assertEquals(1, StandIns.billing().holds(account).size(), "the caller left while the model was working");
        JsonNode voided = awaitEvents(account, 1).get(0).value();
        assertEquals("hold.voided", voided.path("type").asText());
        assertEquals("The request was cancelled", voided.path("reason").asText());
    }

    @Test
    void answerInTheWrongLanguageIsAskedForAgain() {
        StandIns.llm().enqueue(Reply.answer(LlmStandIn.VALID_BULLETS));
        summarize(Fixtures.newAccount(), Fixtures.englishVideo(), "bulletpoint", "de").then().statusCode(200)
                .body("summary", equalTo(LlmStandIn.VALID_BULLETS_DE));
        List<LlmStandIn.Recorded> requests = StandIns.llm().requests();
        assertEquals(2, requests.size());
        String correction = requests.get(1).body().path("messages").get(3).path("content").asText();
        assertTrue(correction.contains("it was written in English, not in German"), correction);
    }

    @Test
    void summaryThatTakesLongerThanTheWorkLimitFailsAndRefunds() {
        String account = Fixtures.newAccount();
        // Each 429 asks for five seconds: the third attempt would come after the 8 s the test profile allows.
        StandIns.llm().enqueue(Reply.error(429, "rate_limit_exceeded", "Rate limit reached", Map.of("Retry-After", "5")));
        StandIns.llm().enqueue(Reply.error(429, "rate_limit_exceeded", "Rate limit reached", Map.of("Retry-After", "5")));
        summarize(account, Fixtures.englishVideo(), "bulletpoint", "en").then().statusCode(422)
                .body("message", equalTo("Failed to process video: Summarising took too long, please retry later"));
        assertVoided(account);
        assertEquals(2, StandIns.llm().requests().size());
    }

    @Test
    void outcomesAreCountedPerEngine() {
        String video = Fixtures.englishVideo();
        summarize(Fixtures.newAccount(), video, "textual", "en").then().statusCode(200);
        summarize(Fixtures.newAccount(), video, "textual", "en").then().statusCode(200);
        given().get(metrics).then().statusCode(200)
                .body(containsString("tikneuron_summaries_total{engine=\"llm\",result=\"charged\"}"))
                .body(containsString("tikneuron_summaries_total{engine=\"llm\",result=\"cached\"}"));
    }

    @Test
    void unacknowledgedSettlementsAreCountedForTheAlert() {
        // The alert SettlementPublishFailing watches this counter in every capability service; with the broker up
        // it exists and stays at zero.
        given().get(metrics).then().statusCode(200)
                .body(containsString("tikneuron_settlement_publish_failures_total 0.0"));
    }
}

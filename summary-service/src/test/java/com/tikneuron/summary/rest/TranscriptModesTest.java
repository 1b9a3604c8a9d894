package com.tikneuron.summary.rest;

import static com.tikneuron.summary.rest.SummaryResourceTest.summarize;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.tikneuron.summary.Fixtures;
import com.tikneuron.summary.standin.LlmStandIn;
import com.tikneuron.summary.standin.StandIns;
import com.tikneuron.testsupport.Settlements;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code mode} on /summarize: a video TikTok did not caption is summarised from our speech recognition, paid once
 * with the summary (2 + 2 per started minute), the transcript then free for every customer; no speech, refunded.
 */
@QuarkusTest
@WithTestResource(StandIns.class)
class TranscriptModesTest {

    private static final List<String> SPOKEN = List.of(
            "Hey everyone, welcome back to my kitchen.",
            "Today I want to show you how I make a simple soup for dinner.",
            "First I cut two onions and a few carrots into small pieces.",
            "Thanks for watching and see you next time.");

    private static Settlements settlements;

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

    @Test
    void autoSummarisesTheSpokenWordsOfAVideoWithoutCaptionsAndASecondCustomerPaysOnlyTheSummary() {
        String video = Fixtures.videoWithoutCaptions();
        StandIns.speech().speaks(video, SPOKEN);
        String account = Fixtures.newAccount();

        summarize(account, "live", body(video, "bulletpoint", null)).then().statusCode(422)
                .header("X-Credits-Charged", "0")
                .body("message", equalTo("Failed to process video: No subtitle available for this video"));
        assertTrue(StandIns.billing().holds(account).isEmpty(), "native: the seed's answer, nothing held");

        int recognitions = StandIns.speech().recognitions();
        summarize(account, "live", body(video, "bulletpoint", "auto")).then().statusCode(200)
                .header("X-Credits-Charged", "4")
                .body("cached", is(false));
        assertEquals(recognitions + 1, StandIns.speech().recognitions());
        List<JsonNode> holds = StandIns.billing().holds(account);
        assertEquals(1, holds.size());
        assertEquals(4, holds.get(0).path("amount").asInt(), "58 s of audio: 2 for the summary and 2 for one minute");
        LlmStandIn.Recorded prompt = StandIns.llm().requests().get(0);
        assertTrue(prompt.user().contains("Automatic transcript, made by speech recognition"), prompt.user());
        assertTrue(prompt.user().contains("Hey everyone welcome back to my kitchen."), prompt.user());
        assertTrue(prompt.system().contains("Use only what the transcript says"));
        JsonNode captured = await().atMost(Duration.ofSeconds(15))
                .until(() -> settlements.forAccount(account), seen -> !seen.isEmpty()).get(0).value();
        assertEquals("hold.captured", captured.path("type").asText());
        assertEquals(4, captured.path("amount").asInt());

        String second = Fixtures.newAccount();
        summarize(second, "live", body(video, "textual", "generate")).then().statusCode(200)
                .header("X-Credits-Charged", "2")
                .body("cached", is(false));
        assertEquals(2, StandIns.billing().holds(second).get(0).path("amount").asInt());
        assertEquals(recognitions + 1, StandIns.speech().recognitions(), "the transcript is made once");

        summarize(second, "live", body(video, "textual", "auto")).then().statusCode(200)
                .header("X-Credits-Charged", "0")
                .body("cached", is(true));
    }

    @Test
    void generateSummarisesOurTranscriptEvenWhenTikTokHasCaptions() {
        String video = Fixtures.englishVideo();
        StandIns.speech().speaks(video, SPOKEN);

        summarize(Fixtures.newAccount(), "live", body(video, "bulletpoint", "generate")).then().statusCode(200)
                .header("X-Credits-Charged", "4");
        String user = StandIns.llm().requests().get(0).user();
        assertTrue(user.contains("First i cut two onions and a few carrots into small pieces."), user);
        assertFalse(user.contains("The starter needs to be fed twice a day"), "TikTok's captions are not used");
    }

    @Test
    void aVideoWithoutSpeechIsAProcessingFailureAndItsHoldIsVoided() {
        String video = Fixtures.videoWithoutCaptions();
        StandIns.speech().speaks(video, List.of());
        String account = Fixtures.newAccount();

        summarize(account, "live", body(video, "bulletpoint", "generate")).then().statusCode(422)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("Failed to process video: No speech detected in this video"));
        List<JsonNode> holds = StandIns.billing().holds(account);
        assertEquals(1, holds.size());
        assertEquals(4, holds.get(0).path("amount").asInt());
        JsonNode voided = await().atMost(Duration.ofSeconds(15))
                .until(() -> settlements.forAccount(account), seen -> !seen.isEmpty()).get(0).value();
        assertEquals("hold.voided", voided.path("type").asText());
        assertEquals(holds.get(0).path("hold_id").asText() + ":voided", voided.path("event_id").asText());
        assertTrue(StandIns.llm().requests().isEmpty(), "nothing to summarise, no model call");
    }

    @Test
    void anUnknownModeIsTheContractsValidationBody() {
        summarize(Fixtures.newAccount(), "live", body(Fixtures.englishVideo(), "bulletpoint", "sometimes")).then()
                .statusCode(422)
                .body("message", equalTo("The given data was invalid."))
                .body("errors.mode[0]", equalTo("Mode must be one of: native, generate, auto."));
    }

    private static Map<String, Object> body(String video, String type, String mode) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", Fixtures.url(video));
        body.put("summary_type", type);
        body.put("language", "en");
        if (mode != null) {
            body.put("mode", mode);
        }
        return body;
    }
}

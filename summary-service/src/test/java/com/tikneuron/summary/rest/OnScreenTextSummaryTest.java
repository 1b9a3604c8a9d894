package com.tikneuron.summary.rest;

import static com.tikneuron.summary.rest.SummaryResourceTest.summarize;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
 * {@code mode: auto} on /summarize for a post without speech: its on-screen text (diarization-service's OCR, played by
 * a stand-in speaking its contract) with the description, hashtags and music, the model told that no speech was
 * found. One hold pays the summary and the reading (2 + 2 per started minute; a photo post 2 + 2), captured once,
 * voided on every failure; the reading is then free for every customer.
 */
@QuarkusTest
@WithTestResource(StandIns.class)
class OnScreenTextSummaryTest {

    private static final List<String> SLIDES = List.of("Better sleep in three steps", "No screens after ten at night",
            "Keep your bedroom cool and dark");
    private static final List<String> SLIDE_URLS = List.of(
            "https://p16-sign-va.tiktokcdn.com/tos-maliva-i-photomode-us/1-1~tplv-photomode-image.jpeg?x-signature=a",
            "https://p16-sign-va.tiktokcdn.com/tos-maliva-i-photomode-us/1-2~tplv-photomode-image.jpeg?x-signature=b",
            "https://p16-sign-va.tiktokcdn.com/tos-maliva-i-photomode-us/1-3~tplv-photomode-image.jpeg?x-signature=c");

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
        StandIns.speech().onScreenDown(false);
    }

    @Test
    void aPhotoPostIsSummarisedFromItsSlidesWithoutTranscribingItsMusicAndASecondCustomerPaysOnlyTheSummary() {
        String post = Fixtures.videoWithoutCaptions();
        StandIns.subtitles().photoPost(post, SLIDE_URLS);
        StandIns.speech().shows(post, SLIDES);
        String account = Fixtures.newAccount();
        int recognitions = StandIns.speech().recognitions();

        summarize(account, "live", body(post, "bulletpoint")).then().statusCode(200)
                .header("X-Credits-Charged", "4")
                .body("cached", is(false));
        assertEquals(recognitions, StandIns.speech().recognitions(), "a slideshow's music is not transcribed");
        List<JsonNode> holds = StandIns.billing().holds(account);
        assertEquals(1, holds.size());
        assertEquals(4, holds.get(0).path("amount").asInt(), "2 for the summary and 2 for the photo post");
        JsonNode sent = StandIns.speech().lastOnScreenBody(post);
        assertEquals(SLIDE_URLS, JsonList.of(sent.path("images")), "the slides from the page, in order");
        assertEquals(9.0, sent.path("duration").asDouble());

        LlmStandIn.Recorded prompt = StandIns.llm().requests().get(0);
        assertTrue(prompt.user().contains("No speech was found in this video"), prompt.user());
        for (String slide : SLIDES) {
            assertTrue(prompt.user().contains(slide + "."), "each slide a sentence: " + prompt.user());
        }
        assertTrue(prompt.user().contains("#sleep") && prompt.user().contains("Calm Piano Loop"), prompt.user());
        JsonNode captured = await().atMost(Duration.ofSeconds(15))
                .until(() -> settlements.forAccount(account), seen -> !seen.isEmpty()).get(0).value();
        assertEquals("hold.captured", captured.path("type").asText());
        assertEquals(4, captured.path("amount").asInt());
        int readings = StandIns.speech().readings();

        String second = Fixtures.newAccount();
        summarize(second, "live", body(post, "textual")).then().statusCode(200)
                .header("X-Credits-Charged", "2")
                .body("cached", is(false));
        assertEquals(readings, StandIns.speech().readings(), "read once");
        Set<String> types = await().atMost(Duration.ofSeconds(15))
                .until(() -> settlements.forAccount(second).stream().map(e -> e.value().path("type").asText())
                        .collect(Collectors.toSet()), seen -> seen.contains("hold.captured") && seen.contains("hold.voided"));
        assertEquals(Set.of("hold.captured", "hold.voided"), types,
                "the reading's hold voided (read before), the summary's captured");
        summarize(second, "live", body(post, "textual")).then().statusCode(200)
                .header("X-Credits-Charged", "0")
                .body("cached", is(true));
    }

    @Test
    void aVideoWithNeitherSpeechNorTextIsAProcessingFailureAndEveryHoldIsVoided() {
        String video = Fixtures.videoWithoutCaptions();
        StandIns.speech().speaks(video, List.of());
        String account = Fixtures.newAccount();

        summarize(account, "live", body(video, "bulletpoint")).then().statusCode(422)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("Failed to process video: No speech detected in this video"));
        List<JsonNode> holds = StandIns.billing().holds(account);
        assertEquals(2, holds.size(), "speech, then on-screen text");
        List<String> types = await().atMost(Duration.ofSeconds(15))
                .until(() -> settlements.forAccount(account).stream().map(e -> e.value().path("type").asText()).toList(),
                        seen -> seen.size() >= 2);
        assertEquals(List.of("hold.voided", "hold.voided"), types);
        assertTrue(StandIns.llm().requests().isEmpty(), "nothing to summarise, no model call");
    }

    @Test
    void anOnScreenTextServiceThatIsDownIsA503AndTheHoldIsVoided() {
        String video = Fixtures.videoWithoutCaptions();
        StandIns.speech().speaks(video, List.of());
        StandIns.speech().shows(video, SLIDES);
        StandIns.speech().onScreenDown(true);
        String account = Fixtures.newAccount();

        summarize(account, "live", body(video, "bulletpoint")).then().statusCode(503)
                .header("X-Credits-Charged", "0");
        List<String> types = await().atMost(Duration.ofSeconds(15))
                .until(() -> settlements.forAccount(account).stream().map(e -> e.value().path("type").asText()).toList(),
                        seen -> seen.size() >= 2);
        assertEquals(List.of("hold.voided", "hold.voided"), types);
    }

    private static Map<String, Object> body(String video, String type) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", Fixtures.url(video));
        body.put("summary_type", type);
        body.put("language", "en");
        body.put("mode", "auto");
        return body;
    }

    /** A JSON array of strings as a list. */
    private static final class JsonList {
        static List<String> of(JsonNode array) {
            return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
        }
    }
}

package com.tikneuron.summary.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tikneuron.summary.Fixtures;
import com.tikneuron.summary.standin.StandIns;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The service started with no language model configured at all answers with its built-in engine. */
@QuarkusTest
@WithTestResource(value = StandIns.class, initArgs = @ResourceArg(name = "llm", value = "off"))
class BuiltInEngineTest {

    // Health is served on the management interface only; its URL already ends in the root path /q.
    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    private static Response summarize(String account, String videoId, String type, String language) {
        return given().contentType(ContentType.JSON)
                .header("X-Account-Id", account)
                .header("X-Key-Mode", "live")
                .body(Map.of("url", Fixtures.url(videoId), "summary_type", type, "language", language))
                .post("/api/v1/tiktok/summarize");
    }

    private static String normalised(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    @Test
    void bulletPointsAreSentencesOfTheTranscript() {
        String account = Fixtures.newAccount();
        Response response = summarize(account, Fixtures.englishVideo(), "bulletpoint", "en");
        response.then().statusCode(200).header("X-Credits-Charged", "2").body("cached", is(false));
        String[] lines = response.<String>path("summary").split("\n");
        assertTrue(lines.length >= 3 && lines.length <= 7, lines.length + " lines");
        String transcript = normalised(Fixtures.SOURDOUGH_EN);
        for (String line : lines) {
            assertTrue(line.startsWith("- "), line);
            assertTrue(transcript.contains(line.substring(2)), "quoted from the transcript: " + line);
        }
        assertEquals(0, StandIns.llm().requests().size(), "no model is called");
        assertEquals(1, StandIns.billing().holds(account).size());
    }

    @Test
    void textualSummaryIsShortProseWithoutRepeats() {
        Response response = summarize(Fixtures.newAccount(), Fixtures.englishVideo(), "textual", "en");
        response.then().statusCode(200);
        String summary = response.path("summary");
        String[] paragraphs = summary.split("\n\n");
        assertTrue(paragraphs.length >= 1 && paragraphs.length <= 3);
        String repeated = "Today I am making sourdough bread from scratch.";
        assertTrue(summary.indexOf(repeated) == summary.lastIndexOf(repeated), "a repeated sentence appears once at most");
    }

    @Test
    void secondRequestIsServedFromTheCacheForFree() {
        String video = Fixtures.englishVideo();
        summarize(Fixtures.newAccount(), video, "bulletpoint", "en").then().statusCode(200).body("cached", is(false));
        String account = Fixtures.newAccount();
        summarize(account, video, "bulletpoint", "en").then().statusCode(200).body("cached", is(true))
                .header("X-Credits-Charged", "0");
        assertEquals(0, StandIns.billing().holds(account).size());
    }

    @Test
    void anotherLanguageThanTheVideosNeedsALanguageModelAndCostsNothing() {
        String account = Fixtures.newAccount();
        summarize(account, Fixtures.englishVideo(), "bulletpoint", "es").then().statusCode(422)
                .body("error_code", equalTo("processing_failed"))
                .body("message", containsString("needs a language model"));
        assertEquals(0, StandIns.billing().holds(account).size());
    }

    @Test
    void captionTrackInTheRequestedLanguageIsUsedWhenTheVideoHasOne() {
        String video = Fixtures.video("eng-US", Fixtures.SOURDOUGH_EN, Map.of("de", Fixtures.SOURDOUGH_DE));
        Response response = summarize(Fixtures.newAccount(), video, "bulletpoint", "de");
        response.then().statusCode(200).body("language", equalTo("de"));
        String german = normalised(Fixtures.SOURDOUGH_DE);
        for (String line : response.<String>path("summary").split("\n")) {
            assertTrue(german.contains(line.substring(2)), "quoted from the German track: " + line);
        }
    }

    @Test
    void videoSpokenInGermanIsSummarisedInGerman() {
        String video = Fixtures.video("deu-DE", Fixtures.SOURDOUGH_DE, Map.of());
        summarize(Fixtures.newAccount(), video, "textual", "de").then().statusCode(200)
                .body("summary", containsString("Sauerteig"));
    }

    @Test
    void structuredSummaryNeedsALanguageModel() {
        summarize(Fixtures.newAccount(), Fixtures.englishVideo(), "structured", "en").then().statusCode(422)
                .body("message", containsString("Structured summaries need a language model"));
    }

    @Test
    void readinessShowsTheBuiltInEngine() {
        given().get(readiness).then().statusCode(200)
                .body("checks.find { it.name == 'summary engine' }.data.engine", equalTo("builtin"))
                .body("checks.find { it.name == 'summary engine' }.data.version", equalTo("builtin-textrank-2"));
    }
}

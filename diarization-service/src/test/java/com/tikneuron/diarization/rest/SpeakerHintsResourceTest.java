package com.tikneuron.diarization.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tikneuron.diarization.harness.StandInMedia;
import com.tikneuron.diarization.harness.Tools;
import com.tikneuron.diarization.standin.StandIns;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The optional speaker-count hints {@code speakers}, {@code min_speakers} and {@code max_speakers}: validated like
 * every other field, part of the cache key, and a second diarization of a video with other hints runs the speaker
 * stage only (the words come from the speech service's cache) at the lower price; without hints, the contract's.
 */
@QuarkusTest
@WithTestResource(StandIns.class)
class SpeakerHintsResourceTest {

    private static final Pattern SPEAKER = Pattern.compile("(?m)^(Speaker [A-Z]): ");

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @BeforeAll
    static void prepare() {
        Tools.require("ffmpeg", "espeak-ng", "sox");
    }

    @Test
    void hintsThatAreNotWholeNumbersInRangeOrThatContradictGetTheContractsValidationBody() {
        Map<String, Map<String, String>> cases = Map.of(
                "\"speakers\":0", Map.of("speakers", "Speakers must be a whole number from 1 to 20."),
                "\"speakers\":\"2\"", Map.of("speakers", "Speakers must be a whole number from 1 to 20."),
                "\"speakers\":2.5", Map.of("speakers", "Speakers must be a whole number from 1 to 20."),
                "\"min_speakers\":-1,\"max_speakers\":21", Map.of(
                        "min_speakers", "Min speakers must be a whole number from 1 to 20.",
                        "max_speakers", "Max speakers must be a whole number from 1 to 20."),
                "\"min_speakers\":4,\"max_speakers\":2", Map.of("min_speakers",
                        "Min speakers must not be more than max speakers."),
                "\"speakers\":2,\"max_speakers\":3", Map.of("speakers",
                        "Give either speakers or min_speakers and max_speakers, not both."),
                "\"format\":\"docx\",\"speakers\":true", Map.of(
                        "format", "Format must be one of: raw, srt, vtt, txt.",
                        "speakers", "Speakers must be a whole number from 1 to 20."));
        for (Map.Entry<String, Map<String, String>> one : cases.entrySet()) {
            String account = UUID.randomUUID().toString();
            var answer = post(account, "{\"url\":\"https://www.tiktok.com/@creator/video/" + videoId() + "\","
                    + one.getKey() + "}").then().statusCode(422)
                    .body("message", equalTo("The given data was invalid."))
                    .body("errors.size()", equalTo(one.getValue().size()));
            one.getValue().forEach((field, message) -> answer.body("errors." + field, equalTo(List.of(message))));
            assertTrue(StandIns.billing().holds(account).isEmpty(), "no hold for " + one.getKey());
        }
    }

    @Test
    void otherHintsRunTheSpeakerStageOnlyAtTheLowerPriceAndAreCachedApart() {
        String account = UUID.randomUUID().toString();
        String video = videoId();
        StandIns.subtitles().media(video, StandInMedia.conversationMp4());

        Response first = post(account, body(video, ""));
        first.then().statusCode(200).header("X-Credits-Charged", "10").body("cached", equalTo(false));
        assertEquals(2, speakers(first).size(), first.<String>path("transcription_content"));
        double recognitions = recognitions();

        // Other hints: a new diarization, on the cached words, for the speaker stage's price.
        Response one = post(account, body(video, ",\"speakers\":1"));
        one.then().statusCode(200).header("X-Credits-Charged", "3").body("cached", equalTo(false));
        assertEquals(new TreeSet<>(List.of("Speaker A")), speakers(one));
        assertEquals(recognitions, recognitions(), "the recogniser did not run again");
        assertEquals(2, StandIns.subtitles().mediaRequests(video), "the speaker stage needs the audio again");
        assertEquals(List.of(10, 3), StandIns.billing().holds(account).stream().map(h -> h.path("amount").asInt()).toList());

        // The same hints, said either way, are one cache entry; no hints is another.
        post(account, body(video, ",\"speakers\":1,\"format\":\"srt\"")).then().statusCode(200)
                .header("X-Credits-Charged", "0").body("cached", equalTo(true));
        Response bounds = post(account, body(video, ",\"min_speakers\":1,\"max_speakers\":1"));
        bounds.then().statusCode(200).header("X-Credits-Charged", "0").body("cached", equalTo(true));
        assertEquals(one.<String>path("transcription_content"), bounds.path("transcription_content"));
        Response again = post(account, body(video, ""));
        again.then().statusCode(200).header("X-Credits-Charged", "0").body("cached", equalTo(true));
        assertEquals(first.<String>path("transcription_content"), again.path("transcription_content"));

        // A bound the first answer already meets is still a request of its own.
        post(account, body(video, ",\"max_speakers\":2")).then().statusCode(200)
                .header("X-Credits-Charged", "3").body("cached", equalTo(false));
        assertEquals(recognitions, recognitions(), "still no second recognition");
        assertEquals(3, StandIns.billing().holds(account).size());
    }

    @Test
    void aFirstDiarizationWithHintsPaysTheFullPrice() {
        String account = UUID.randomUUID().toString();
        String video = videoId();
        StandIns.subtitles().media(video, StandInMedia.conversationMp3());
        double recognitions = recognitions();
        Response answer = post(account, body(video, ",\"min_speakers\":2"));
        answer.then().statusCode(200).header("X-Credits-Charged", "10").body("cached", equalTo(false));
        assertTrue(speakers(answer).size() >= 2, answer.<String>path("transcription_content"));
        assertEquals(recognitions + 1, recognitions(), "the words were recognised once");
    }

    @Test
    void aDiarizationWithoutHintsPaysTheContractsPriceEvenWhenTheWordsAreCached() {
        String video = videoId();
        StandIns.subtitles().media(video, StandInMedia.conversationMp4());
        post(UUID.randomUUID().toString(), body(video, ",\"speakers\":2")).then().statusCode(200)
                .header("X-Credits-Charged", "10");
        double recognitions = recognitions();

        // Another customer, the seed contract's request: its words are cached, yet its price is the contract's.
        String account = UUID.randomUUID().toString();
        post(account, body(video, "")).then().statusCode(200)
                .header("X-Credits-Charged", "10").body("cached", equalTo(false));
        assertEquals(recognitions, recognitions(), "the recogniser did not run again");
        assertEquals(List.of(10), StandIns.billing().holds(account).stream().map(h -> h.path("amount").asInt()).toList());
    }

    private static String body(String video, String more) {
        return "{\"url\":\"https://www.tiktok.com/@creator/video/" + video + "\",\"format\":\"txt\"" + more + "}";
    }

    private static Response post(String account, String body) {
        return given().contentType(ContentType.JSON)
                .header("X-Account-Id", account).header("X-Key-Mode", "live")
                .header("X-Request-Id", "req-" + UUID.randomUUID())
                .header("X-Call-Id", "call_" + UUID.randomUUID().toString().replace("-", ""))
                .body(body).post("/api/v1/tiktok/diarization");
    }

    private static TreeSet<String> speakers(Response answer) {
        TreeSet<String> found = new TreeSet<>();
        String content = answer.path("transcription_content");
        Matcher matcher = SPEAKER.matcher(content == null ? "" : content);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** How many times the recogniser ran: every run records one real-time factor. */
    private double recognitions() {
        String text = given().noFilters().get(metrics).then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^tikneuron_transcription_real_time_factor_count\\{[^}]*} ([0-9.eE+-]+)$")
                .matcher(text);
        double total = 0;
        while (line.find()) {
            total += Double.parseDouble(line.group(1));
        }
        return total;
    }

    /** A TikTok-shaped video id no earlier run used. */
    private static String videoId() {
        return "76" + String.format("%017d", java.util.concurrent.ThreadLocalRandom.current().nextLong(100_000_000_000_000_000L));
    }
}

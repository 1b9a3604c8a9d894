package com.tikneuron.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.tikneuron.e2e.Stack.Customer;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Who spoke when, through the gateway: the stand-in serves the seed video's sound as a synthesised conversation of
 * two voices taking turns A, B, A, B, A, and the built-in engine transcribes it.
 */
class DiarizationTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final List<String> TURNS = List.of("A", "B", "A", "B", "A");
    private static final String CONVERSATION = "https://www.tiktok.com/@cookwithmara/video/7354861484037524768";

    @Test
    void aConversationCostsTenCreditsOnceAndShowsTheTurnsInEveryFormat() {
        Customer customer = Stack.customer(100);

        String srt = diarize(customer, CONVERSATION, "srt").then().statusCode(200)
                .header("X-Credits-Charged", "10")
                .body("video_id", equalTo("7354861484037524768"))
                .body("format", equalTo("srt"))
                .body("cached", equalTo(false))
                .body("available_formats", equalTo(List.of("raw", "srt", "vtt", "txt")))
                .extract().path("transcription_content");
        assertEquals(TURNS, turns(srt, "Speaker ([A-Z]):"), srt);
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(90, Stack.credits(customer));

        String vtt = cachedContent(customer, "vtt");
        assertEquals(TURNS, turns(vtt, "<v Speaker ([A-Z])>"), vtt);
        String txt = cachedContent(customer, "txt");
        assertEquals(TURNS, turns(txt, "Speaker ([A-Z]):"), txt);
        String raw = cachedContent(customer, "raw");
        List<String> rawSpeakers = new ArrayList<>();
        for (String speaker : JsonPath.from(raw).<String>getList("speaker")) {
            String letter = speaker.substring(speaker.length() - 1);
            if (rawSpeakers.isEmpty() || !rawSpeakers.get(rawSpeakers.size() - 1).equals(letter)) {
                rawSpeakers.add(letter);
            }
        }
        assertEquals(TURNS, rawSpeakers, raw);

        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(90, Stack.credits(customer), "the cached formats were free");
    }

    @Test
    void aVideoWithoutSpeechFailsWithTheSeedErrorAndIsRefunded() {
        Customer customer = Stack.customer(20);
        diarize(customer, "https://www.tiktok.com/@oldlayout/video/7396888120245563187", "txt").then()
                .statusCode(422)
                .body("error_code", equalTo("processing_failed"))
                .body("message", startsWith("Failed to process video: "));
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(20, Stack.credits(customer));
    }

    private static String cachedContent(Customer customer, String format) {
        return diarize(customer, CONVERSATION, format).then().statusCode(200)
                .header("X-Credits-Charged", "0")
                .body("cached", equalTo(true))
                .body("format", equalTo(format))
                .extract().path("transcription_content");
    }

    /** The speakers of the transcript in order, consecutive repeats merged. */
    private static List<String> turns(String content, String label) {
        List<String> turns = new ArrayList<>();
        Matcher matcher = Pattern.compile(label).matcher(content);
        while (matcher.find()) {
            if (turns.isEmpty() || !turns.get(turns.size() - 1).equals(matcher.group(1))) {
                turns.add(matcher.group(1));
            }
        }
        return turns;
    }

    private static Response diarize(Customer customer, String url, String format) {
        return given().baseUri(Stack.GATEWAY).contentType(ContentType.JSON).header("API-KEY", customer.key())
                .body(Map.of("url", url, "format", format)).post("/api/v1/tiktok/diarization");
    }
}

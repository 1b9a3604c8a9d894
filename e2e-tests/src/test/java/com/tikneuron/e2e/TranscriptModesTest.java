package com.tikneuron.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tikneuron.e2e.Stack.Customer;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * {@code mode} through the gateway, with the stack's own speech service (the built-in engine) and real billing: the
 * stand-in's caption-less fixture video speaks synthesised English, its silent one says nothing, its three-minute
 * one speaks and then stays silent. Transcripts a test means to pay for are first removed from the stack's caches,
 * so every run starts as the first did.
 */
class TranscriptModesTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String DB_NAME = System.getProperty("tikneuron.e2e.db-name", "tikneuron_e2e");
    private static final String CAPTIONED = "7354861484037524768";

    private final JsonPath spoken = given().baseUri(Stack.STANDIN).get("/__standin/spoken").then().statusCode(200)
            .extract().jsonPath();
    private final String speaking = spoken.getString("video_ids.speaking");
    private final String silent = spoken.getString("video_ids.silent");
    private final String threeMinutes = spoken.getString("video_ids.three_minutes");

    @Test
    void withoutModeOrWithNativeTheCaptionlessVideoIsTheSeedsErrorAndCostsNothing() {
        Customer customer = Stack.customer(10);

        for (String mode : new String[] {null, "native"}) {
            subtitle(customer, speaking, "srt", mode).then().statusCode(404)
                    .header("X-Credits-Charged", "0")
                    .body("error_code", equalTo("no_subtitle_available"))
                    .body("message", equalTo("No subtitle available for this video"));
        }
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(10, Stack.credits(customer));
    }

    @Test
    void autoTranscribesTheSpokenWordsForTwoCreditsAMinuteAndTheSameCallAgainIsCachedAndFree() throws Exception {
        forget(speaking);
        Customer customer = Stack.customer(10);

        String text = subtitle(customer, speaking, "txt", "auto").then().statusCode(200)
                .header("X-Credits-Charged", "2")
                .body("video_id", equalTo(speaking))
                .body("source", equalTo("generated"))
                .body("language", equalTo("en"))
                .body("cached", equalTo(false))
                .extract().path("subtitle_content");
        double wer = wordErrorRate(spoken.getString("text"), text);
        assertTrue(wer <= 0.25, "word error rate " + wer + " for: " + text);
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(8, Stack.credits(customer), "28 s of audio: one started minute at 2 credits");

        subtitle(customer, speaking, "txt", "auto").then().statusCode(200)
                .header("X-Credits-Charged", "0")
                .body("cached", equalTo(true))
                .body("source", equalTo("generated"))
                .body("subtitle_content", equalTo(text));
        String srt = subtitle(customer, speaking, "srt", "auto").then().statusCode(200)
                .header("X-Credits-Charged", "0")
                .extract().path("subtitle_content");
        for (String cue : srt.split("\n\n")) {
            assertTrue(cue.split("\n")[2].length() <= 42, "a cue of at most 42 characters: " + cue);
        }
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(8, Stack.credits(customer));
    }

    @Test
    void autoOnACaptionlessVideoNeedsOnlyTheTranscriptsPrice() throws Exception {
        forget(threeMinutes);
        // Exactly the transcript's price: a caption hold made and voided first could still be reserved in billing
        Customer customer = Stack.customer(6);

        subtitle(customer, threeMinutes, "txt", "auto").then().statusCode(200)
                .header("X-Credits-Charged", "6")
                .header("X-Credits-Remaining", "0")
                .body("source", equalTo("generated"))
                .body("cached", equalTo(false));
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(0, Stack.credits(customer));
    }

    @Test
    void generateOnACaptionedVideoAnswersTheGeneratedTextNotTikToks() throws Exception {
        forget(CAPTIONED);
        Customer customer = Stack.customer(10);
        String tiktoks = subtitle(customer, CAPTIONED, "txt", null).then().statusCode(200)
                .body("source", equalTo("tiktok_asr")).extract().path("subtitle_content");
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        long before = Stack.credits(customer);

        String generated = subtitle(customer, CAPTIONED, "txt", "generate").then().statusCode(200)
                .header("X-Credits-Charged", "2")
                .body("source", equalTo("generated"))
                .body("language", equalTo("en"))
                .extract().path("subtitle_content");
        assertNotEquals(normalised(tiktoks), normalised(generated));
        assertTrue(wordErrorRate(generated, tiktoks) > 0.5, "TikTok's captions say something else: " + generated);
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(before - 2, Stack.credits(customer));
    }

    @Test
    void aSilentVideoIsNoSubtitleAvailableAndRefunded() {
        Customer customer = Stack.customer(10);

        subtitle(customer, silent, "srt", "auto").then().statusCode(404)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("no_subtitle_available"));
        subtitle(customer, silent, "vtt", "generate").then().statusCode(404)
                .body("error_code", equalTo("no_subtitle_available"));
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(10, Stack.credits(customer));
    }

    @Test
    void threeMinutesOfAudioCostSix() throws Exception {
        forget(threeMinutes);
        Customer customer = Stack.customer(10);

        subtitle(customer, threeMinutes, "vtt", "generate").then().statusCode(200)
                .header("X-Credits-Charged", "6")
                .body("source", equalTo("generated"));
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(4, Stack.credits(customer));
    }

    @Test
    void summarizeAutoIsGroundedInTheSpokenWordsAndASecondCustomerPaysOnlyTheSummary() throws Exception {
        forget(speaking);
        Customer first = Stack.customer(10);

        Object summary = summarize(first, speaking, "bulletpoint", "auto").then().statusCode(200)
                .header("X-Credits-Charged", "4")
                .body("cached", equalTo(false))
                .extract().path("summary");
        String words = summary.toString().toLowerCase(Locale.ROOT);
        assertTrue(words.contains("soup") || words.contains("onions") || words.contains("kitchen"),
                "the summary speaks of what was said: " + summary);
        await().atMost(SETTLE).until(() -> Stack.settled(first));
        assertEquals(6, Stack.credits(first), "2 for the summary and 2 for one started minute of audio");

        Customer second = Stack.customer(10);
        summarize(second, speaking, "textual", "auto").then().statusCode(200)
                .header("X-Credits-Charged", "2")
                .body("cached", equalTo(false));
        await().atMost(SETTLE).until(() -> Stack.settled(second));
        assertEquals(8, Stack.credits(second));
    }

    @Test
    void summarizeOfASilentVideoIsAProcessingFailureAndRefunded() {
        Customer customer = Stack.customer(10);

        summarize(customer, silent, "bulletpoint", "auto").then().statusCode(422)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("Failed to process video: No speech detected in this video"));
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(10, Stack.credits(customer));
    }

    @Test
    void anUnknownModeIsTheContractsValidationBody() {
        Customer customer = Stack.customer(10);
        subtitle(customer, speaking, "srt", "whisper").then().statusCode(422)
                .body("message", equalTo("The given data was invalid."))
                .body("errors.mode[0]", equalTo("Mode must be one of: native, generate, auto."));
        assertEquals(10, Stack.credits(customer));
    }

    private static Response subtitle(Customer customer, String video, String format, String mode) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", "https://www.tiktok.com/@kitchen/video/" + video);
        body.put("format", format);
        if (mode != null) {
            body.put("mode", mode);
        }
        return given().baseUri(Stack.GATEWAY).header("API-KEY", customer.key()).contentType(ContentType.JSON)
                .body(body).post("/api/v1/tiktok/subtitle");
    }

    private static Response summarize(Customer customer, String video, String type, String mode) {
        return given().baseUri(Stack.GATEWAY).header("API-KEY", customer.key()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://www.tiktok.com/@kitchen/video/" + video, "summary_type", type,
                        "language", "en", "mode", mode))
                .post("/api/v1/tiktok/summarize");
    }

    /** Removes a video's transcript and its summaries from the stack's caches, so the next request pays for them. */
    private static void forget(String video) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + System.getenv().getOrDefault("TIKNEURON_DB_PORT", "5432") + "/" + DB_NAME, "postgres", "")) {
            for (String table : List.of("diarization.transcriptions", "summary.summaries")) {
                try (PreparedStatement delete = db.prepareStatement("DELETE FROM " + table + " WHERE video_id = ?")) {
                    delete.setString(1, video);
                    delete.executeUpdate();
                }
            }
        }
    }

    private static List<String> normalised(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").trim().split("\\s+"))
                .filter(word -> !word.isEmpty()).toList();
    }

    /** Word-level edit distance over the reference's length, words compared without case and punctuation. */
    static double wordErrorRate(String reference, String hypothesis) {
        List<String> ref = normalised(reference);
        List<String> hyp = normalised(hypothesis);
        int[] previous = new int[hyp.size() + 1];
        int[] current = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int substitution = previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return ref.isEmpty() ? 0 : (double) previous[hyp.size()] / ref.size();
    }
}

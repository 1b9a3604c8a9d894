package com.tikneuron.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tikneuron.e2e.Stack.Customer;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * {@code mode: auto} through the gateway for posts without speech: the stack's own diarization-service reads the text
 * the TikTok stand-in's fixtures draw (English, German and Arabic cards over music, a three-slide photo post, a
 * moving picture with neither speech nor text) with Tesseract, and real billing settles. Readings a test means to pay
 * for are first removed from the stack's caches, so every run starts as the first did.
 */
class OnScreenTextModesTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String DB_NAME = System.getProperty("tikneuron.e2e.db-name", "tikneuron_e2e");
    private static final double MAX_CER = 0.10;

    private final JsonPath fixtures = given().baseUri(Stack.STANDIN).get("/__standin/on-screen").then().statusCode(200)
            .extract().jsonPath();

    @Test
    void englishTextOverMusicIsItsOnScreenTextChargedOnceAndTheSameCallAgainIsCachedAndFree() throws Exception {
        readOnceAndThenFree(post(0), "en");
    }

    @Test
    void germanTextIsReadInGerman() throws Exception {
        readOnceAndThenFree(post(1), "de");
    }

    @Test
    void arabicTextIsReadInArabic() throws Exception {
        readOnceAndThenFree(post(2), "ar");
    }

    @Test
    void aPhotoPostIsOneCuePerSlideForTwoCredits() throws Exception {
        Map<String, Object> post = post(3);
        String video = (String) post.get("video_id");
        assertEquals(Boolean.TRUE, post.get("photo_post"));
        forget(video);
        Customer customer = Stack.customer(10);

        String srt = subtitle(customer, video, "srt").then().statusCode(200)
                .header("X-Credits-Charged", "2")
                .body("source", equalTo("on_screen_text"))
                .body("cached", equalTo(false))
                .extract().path("subtitle_content");
        @SuppressWarnings("unchecked")
        List<String> slides = (List<String>) post.get("cards");
        String[] cues = srt.strip().split("\n\n");
        assertEquals(slides.size(), cues.length, "one cue per slide: " + srt);
        for (int i = 0; i < slides.size(); i++) {
            String text = String.join(" ", cues[i].lines().skip(2).toList());
            double cer = characterErrorRate(slides.get(i), text);
            assertTrue(cer <= MAX_CER, "slide " + (i + 1) + ": character error rate " + cer + " for: " + text);
        }
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(8, Stack.credits(customer), "a photo post: 2 credits");
    }

    @Test
    void aVideoWithNeitherSpeechNorTextIsNoSubtitleAvailableAndRefunded() throws Exception {
        String video = (String) post(4).get("video_id");
        forget(video);
        Customer customer = Stack.customer(10);

        subtitle(customer, video, "srt").then().statusCode(404)
                .header("X-Credits-Charged", "0")
                .body("error_code", equalTo("no_subtitle_available"))
                .body("message", equalTo("No subtitle available for this video"));
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(10, Stack.credits(customer));
    }

    @Test
    void aSummaryOfThePhotoPostIsGroundedInItsSlides() throws Exception {
        Map<String, Object> post = post(3);
        String video = (String) post.get("video_id");
        forget(video);
        Customer customer = Stack.customer(10);

        Object summary = given().baseUri(Stack.GATEWAY).header("API-KEY", customer.key()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://www.tiktok.com/@sleepwell/photo/" + video, "summary_type", "bulletpoint",
                        "language", "en", "mode", "auto"))
                .post("/api/v1/tiktok/summarize").then().statusCode(200)
                .header("X-Credits-Charged", "4")
                .body("cached", equalTo(false))
                .extract().path("summary");
        String words = summary.toString().toLowerCase(Locale.ROOT);
        long grounded = List.of("sleep", "screens", "bedroom", "cool and dark").stream().filter(words::contains).count();
        assertTrue(grounded >= 2, "the summary speaks of what the slides say: " + summary);
        assertTrue(words.contains("no speech"), "the summary says that no speech was found: " + summary);
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(6, Stack.credits(customer), "2 for the summary and 2 for reading the photo post");
    }

    private void readOnceAndThenFree(Map<String, Object> post, String language) throws Exception {
        String video = (String) post.get("video_id");
        forget(video);
        Customer customer = Stack.customer(10);

        String text = subtitle(customer, video, "txt").then().statusCode(200)
                .header("X-Credits-Charged", "2")
                .body("video_id", equalTo(video))
                .body("source", equalTo("on_screen_text"))
                .body("language", equalTo(language))
                .body("cached", equalTo(false))
                .extract().path("subtitle_content");
        double cer = characterErrorRate((String) post.get("text"), text);
        assertTrue(cer <= MAX_CER, "character error rate " + cer + " for: " + text);
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(8, Stack.credits(customer), "12 s of video: one started minute at 2 credits");

        subtitle(customer, video, "txt").then().statusCode(200)
                .header("X-Credits-Charged", "0")
                .body("cached", equalTo(true))
                .body("source", equalTo("on_screen_text"))
                .body("subtitle_content", equalTo(text));
        Customer other = Stack.customer(10);
        subtitle(other, video, "txt").then().statusCode(200)
                .header("X-Credits-Charged", "0")
                .body("cached", equalTo(true));
        await().atMost(SETTLE).until(() -> Stack.settled(customer) && Stack.settled(other));
        assertEquals(8, Stack.credits(customer));
        assertEquals(10, Stack.credits(other), "read once, free for every customer");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> post(int index) {
        return (Map<String, Object>) fixtures.getList("posts").get(index);
    }

    private static Response subtitle(Customer customer, String video, String format) {
        return given().baseUri(Stack.GATEWAY).header("API-KEY", customer.key()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://www.tiktok.com/@cards/video/" + video, "format", format, "mode", "auto"))
                .post("/api/v1/tiktok/subtitle");
    }

    /** Removes a post's reading, transcript and summaries from the stack's caches, so the next request pays. */
    private static void forget(String video) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + System.getenv().getOrDefault("TIKNEURON_DB_PORT", "5432") + "/" + DB_NAME, "postgres", "")) {
            for (String table : List.of("diarization.on_screen_texts", "diarization.transcriptions", "summary.summaries")) {
                try (PreparedStatement delete = db.prepareStatement("DELETE FROM " + table + " WHERE video_id = ?")) {
                    delete.setString(1, video);
                    delete.executeUpdate();
                }
            }
        }
    }

    /** Character edit distance over the reference's length; case and runs of white space do not count. */
    static double characterErrorRate(String reference, String hypothesis) {
        String ref = reference.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        String hyp = hypothesis.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        int[] previous = new int[hyp.length() + 1];
        int[] current = new int[hyp.length() + 1];
        for (int j = 0; j <= hyp.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.length(); j++) {
                int substitution = previous[j - 1] + (ref.charAt(i - 1) == hyp.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return ref.isEmpty() ? 0 : (double) previous[hyp.length()] / ref.length();
    }
}

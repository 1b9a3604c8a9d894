package com.tikneuron.diarization.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.harness.StandInMedia;
import com.tikneuron.diarization.harness.Tools;
import com.tikneuron.diarization.ocr.CharacterErrorRate;
import com.tikneuron.diarization.standin.StandIns;
import com.tikneuron.standin.OnScreen;
import com.tikneuron.standin.Spoken;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * On-screen text: POST /internal/v1/videos/{id}/on-screen-text over the TikTok stand-in's fixtures, made with
 * ffmpeg's drawtext; each answer is compared with the text the fixture drew.
 */
@QuarkusTest
@WithTestResource(StandIns.class)
class OnScreenTextResourceTest {

    private static final ExecutorService CLIENTS = Executors.newCachedThreadPool();

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> LANGUAGES = Map.of(OnScreen.ENGLISH, "en", OnScreen.GERMAN, "de",
            OnScreen.ARABIC, "ar");

    @BeforeAll
    static void prepare() {
        Tools.require("ffmpeg", "ffprobe", "tesseract");
    }

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {OnScreen.ENGLISH, OnScreen.GERMAN, OnScreen.ARABIC})
    void burnedInTextIsReadOncePerCardWithItsTimesAndLanguage(String fixture) {
        String video = videoId();
        StandIns.subtitles().media(video, fixtureVideo(fixture));

        JsonPath answer = read(video, null).then().statusCode(200).contentType(ContentType.JSON)
                .body("video_id", equalTo(video))
                .body("kind", equalTo("video"))
                .body("cached", equalTo(false))
                .body("has_text", equalTo(true))
                .extract().jsonPath();
        String text = answer.getString("text");
        double cer = CharacterErrorRate.of(OnScreen.text(fixture), text);
        assertTrue(cer <= 0.10, "character error rate " + cer + " for: " + text);
        assertEquals(List.of(LANGUAGES.get(fixture)), answer.getList("languages", String.class));
        assertTrue(answer.getInt("characters") >= 20);
        assertTrue(answer.getString("engine").startsWith("tesseract-"), answer.getString("engine"));

        List<OnScreen.Card> cards = OnScreen.cards(fixture);
        List<Map<String, Object>> cues = answer.getList("cues");
        assertEquals(cards.size(), cues.size(), "one cue per card, each line counted once: " + cues);
        for (int i = 0; i < cards.size(); i++) {
            double start = ((Number) cues.get(i).get("start")).doubleValue();
            double end = ((Number) cues.get(i).get("end")).doubleValue();
            assertEquals(i * OnScreen.CARD_SECONDS, start, 1.01, "card " + i + " appears: " + cues.get(i));
            assertEquals((i + 1) * OnScreen.CARD_SECONDS, end, 1.01, "card " + i + " leaves: " + cues.get(i));
            double cueCer = CharacterErrorRate.of(cards.get(i).text(), (String) cues.get(i).get("text"));
            assertTrue(cueCer <= 0.10, "card " + i + " read as " + cues.get(i).get("text"));
        }
        assertTrue(answer.getInt("images_read") < answer.getInt("images_sampled"),
                "unchanged frames are not read again: " + answer.getInt("images_read") + " of " + answer.getInt("images_sampled"));
    }

    @Test
    void aPhotoPostGivesOneCuePerSlideTimedOverThePostsLength() throws Exception {
        String post = videoId();
        String body = JSON.writeValueAsString(Map.of("images", OnScreen.imageUrls(OnScreen.PHOTO_POST), "duration", 9));

        JsonPath answer = read(post, body).then().statusCode(200)
                .body("kind", equalTo("photo_post"))
                .body("has_text", equalTo(true))
                .body("images_sampled", equalTo(3))
                .body("images_read", equalTo(3))
                .body("duration", equalTo(9.0f))
                .extract().jsonPath();
        List<OnScreen.Card> slides = OnScreen.cards(OnScreen.PHOTO_POST);
        List<Map<String, Object>> cues = answer.getList("cues");
        assertEquals(slides.size(), cues.size(), cues.toString());
        for (int i = 0; i < slides.size(); i++) {
            assertEquals(i * 3.0, ((Number) cues.get(i).get("start")).doubleValue(), 0.01);
            assertEquals((i + 1) * 3.0, ((Number) cues.get(i).get("end")).doubleValue(), 0.01);
            double cer = CharacterErrorRate.of(slides.get(i).text(), (String) cues.get(i).get("text"));
            assertTrue(cer <= 0.10, "slide " + i + " read as " + cues.get(i).get("text"));
        }
        assertTrue(CharacterErrorRate.of(OnScreen.text(OnScreen.PHOTO_POST), answer.getString("text")) <= 0.10);
        assertEquals(List.of("en"), answer.getList("languages", String.class));
    }

    @Test
    void aVideoWithNeitherSpeechNorTextHasNoText() {
        String video = videoId();
        StandIns.subtitles().media(video, fixtureVideo(OnScreen.NOTHING));
        JsonPath answer = read(video, null).then().statusCode(200)
                .body("has_text", equalTo(false))
                .extract().jsonPath();
        assertTrue(answer.getInt("characters") < 20, "characters: " + answer.getInt("characters"));
        assertTrue(answer.getInt("images_sampled") >= 10, "the whole video was looked at");
        read(video, null).then().statusCode(200).body("has_text", equalTo(false)).body("cached", equalTo(true));
    }

    @Test
    void aSecondRequestIsAnsweredFromTheCacheWithoutFetchingTheMediaAgain() {
        String video = videoId();
        StandIns.subtitles().media(video, fixtureVideo(OnScreen.ENGLISH));
        String text = read(video, null).then().statusCode(200).body("cached", equalTo(false)).extract().path("text");
        read(video, null).then().statusCode(200).body("cached", equalTo(true)).body("text", equalTo(text))
                .body("has_text", equalTo(true));
        assertEquals(1, StandIns.subtitles().mediaRequests(video), "the media is fetched once");
        assertEquals("kind=video", StandIns.subtitles().lastMediaQuery(video), "the picture, not the audio-only sound");
    }

    @Test
    void identicalRequestsInFlightShareOneReading() throws Exception {
        String video = videoId();
        StandIns.subtitles().media(video, fixtureVideo(OnScreen.ENGLISH));
        StandIns.subtitles().close();
        try {
            double joined = joined();
            CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> read(video, null), CLIENTS);
            awaitMediaRequests(video, 1);
            CompletableFuture<Response> second = CompletableFuture.supplyAsync(() -> read(video, null), CLIENTS);
            // the second waits for the first's reading, which waits for its download, held until now
            await().atMost(Duration.ofSeconds(30)).until(() -> joined() == joined + 1);
            StandIns.subtitles().open();
            Response a = first.get();
            Response b = second.get();
            assertEquals(200, a.statusCode(), a.asString());
            assertEquals(200, b.statusCode(), b.asString());
            assertFalse(a.jsonPath().getBoolean("cached"));
            assertTrue(b.jsonPath().getBoolean("cached"), "the second waited for the first");
            assertEquals(a.jsonPath().getString("text"), b.jsonPath().getString("text"));
        } finally {
            StandIns.subtitles().open();
        }
        assertEquals(1, StandIns.subtitles().mediaRequests(video), "one download, one reading");
    }

    @Test
    void aLongVideoIsSampledNoMoreThanTheFrameCapAndAStillPictureIsReadOnce() {
        String video = videoId();
        StandIns.subtitles().media(video, spokenThreeMinutes());
        JsonPath answer = read(video, null).then().statusCode(200)
                .body("images_sampled", equalTo(120))
                .body("images_read", equalTo(1))
                .body("has_text", equalTo(false))
                .extract().jsonPath();
        assertEquals(180, answer.getDouble("duration"), 0.5);
    }

    @Test
    void aSlideDeclaringAHugePictureIsRefusedBeforeItIsDecoded() throws Exception {
        String post = videoId();
        String body = JSON.writeValueAsString(Map.of("images", List.of(OnScreen.imageUrl(OnScreen.PHOTO_POST, 1),
                OnScreen.imageUrl(OnScreen.PHOTO_POST, OnScreen.OVERSIZED_SLIDE))));
        read(post, body).then().statusCode(422)
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("A slide of this post is too large to read"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example.com/slide.jpeg", "https://p16-sign.tiktokcdn.com.evil.net/slide.jpeg",
        "http://p16-sign-va.tiktokcdn.com/slide.jpeg", "https://p16-sign-va.tiktokcdn.com@127.0.0.1/slide.jpeg",
        "https://127.0.0.1/slide.jpeg", "file:///etc/passwd"})
    void aSlideOutsideTikToksImageCdnIsRefusedBeforeAnyRequest(String url) throws Exception {
        String post = videoId();
        String body = JSON.writeValueAsString(Map.of("images", List.of(OnScreen.imageUrl(OnScreen.PHOTO_POST, 1), url)));
        read(post, body).then().statusCode(400)
                .body("error_code", equalTo("invalid_request"))
                .body("message", equalTo("Every slide URL must be an https URL on TikTok's image CDN"));
    }

    @Test
    void aLanguageHintOutsideTheEightIsRefusedAndAMalformedBodyIs400() {
        String video = videoId();
        read(video, "{\"language\":\"ja\"}").then().statusCode(422).body("error_code", equalTo("language_not_supported"));
        read(video, "[1,2]").then().statusCode(400).body("error_code", equalTo("invalid_request"));
        read("12ab", null).then().statusCode(400).body("error_code", equalTo("invalid_request"));
        assertEquals(0, StandIns.subtitles().mediaRequests(video), "nothing was fetched");
    }

    @Test
    void mediaWithoutAPictureCannotBeRead() {
        String video = videoId();
        StandIns.subtitles().media(video, audioOnly());
        read(video, null).then().statusCode(422)
                .body("error_code", equalTo("processing_failed"))
                .body("message", equalTo("The video's media has no picture to read"));
    }

    private static Response read(String video, String body) {
        var request = given().contentType(ContentType.JSON).header("X-Request-Id", "req-ocr-" + video);
        if (body != null) {
            request.body(body);
        }
        return request.post("/internal/v1/videos/" + video + "/on-screen-text");
    }

    private static synchronized Path fixtureVideo(String fixture) {
        return written("onscreen-" + fixture + ".mp4", () -> OnScreen.mp4(fixture));
    }

    private static synchronized Path spokenThreeMinutes() {
        Tools.require("espeak-ng");
        return written("spoken-three-minutes.mp4", () -> Spoken.mp4(Spoken.THREE_MINUTES));
    }

    /** An MP3 of a tone: what subtitle-service serves for a video whose sound is its own. */
    private static synchronized Path audioOnly() {
        Path target = StandInMedia.directory().resolve("tone.mp3");
        if (!Files.exists(target)) {
            mkdirs();
            try {
                Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                        "sine=f=440:d=3", "-c:a", "libmp3lame", target.toString()).inheritIO().start();
                assertEquals(0, ffmpeg.waitFor(), "ffmpeg made the tone");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return target;
    }

    private static Path written(String name, java.util.function.Supplier<byte[]> bytes) {
        Path target = StandInMedia.directory().resolve(name);
        if (!Files.exists(target)) {
            mkdirs();
            try {
                Files.write(target, bytes.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }

    private static void mkdirs() {
        try {
            Files.createDirectories(StandInMedia.directory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitMediaRequests(String video, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> StandIns.subtitles().mediaRequests(video) >= count);
        assertEquals(count, StandIns.subtitles().mediaRequests(video));
    }

    /** How many on-screen text requests waited for an identical one already running. */
    private double joined() {
        String text = given().noFilters().get(metrics).then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^tikneuron_diarization_requests_joined_total\\{[^}]*work=\"on_screen_text\"[^}]*} ([0-9.eE+-]+)$")
                .matcher(text);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    // Fresh ids on every run: an answer cached by an earlier run must not answer for this one.
    private static String videoId() {
        return "76" + String.format("%017d", ThreadLocalRandom.current().nextLong(100_000_000_000_000_000L));
    }
}

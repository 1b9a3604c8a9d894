package com.tikneuron.subtitle.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tikneuron.subtitle.support.CacheRows;
import com.tikneuron.subtitle.support.InternalContract;
import com.tikneuron.subtitle.support.StandInResource;
import com.tikneuron.subtitle.support.Stubs;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The internal API (contracts/subtitle-internal-api.yaml) against the TikTok stand-in. */
@QuarkusTest
@WithTestResource(StandInResource.class)
class VideoResourceTest {

    private static final String ASR_VIDEO = "7354861484037524768";
    private static final String NO_CAPTIONS = "7361573949415050724";
    private static final String PRIVATE = "7378753816223753998";
    private static final String PHOTO = "7392115934734614480";
    private static final String LONG_TALK = "7406432493050499115";

    @Test
    void directUrlsResolveOfflineAndShortLinksAreFollowedOnce() {
        int before = Stubs.served("short_links", "vt.tiktok.com/ZSYbx7nKp");
        given().contentType(ContentType.JSON).body(Map.of("url", "https://m.tiktok.com/v/" + ASR_VIDEO + ".html"))
                .post("/internal/v1/videos/resolve").then().statusCode(200)
                .body("video_id", equalTo(ASR_VIDEO))
                .body("canonical_url", equalTo("https://www.tiktok.com/@_/video/" + ASR_VIDEO));
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body(Map.of("url", "https://vt.tiktok.com/ZSYbx7nKp/"))
                    .post("/internal/v1/videos/resolve").then().statusCode(200)
                    .body("video_id", equalTo("7372496949768752439"));
        }
        assertEquals(before + 1, Stubs.served("short_links", "vt.tiktok.com/ZSYbx7nKp"), "the second resolution came from memory");
        given().contentType(ContentType.JSON).body(Map.of("url", "https://www.tiktok.com/t/ZT8kLmNoP/"))
                .post("/internal/v1/videos/resolve").then().statusCode(200).body("video_id", equalTo(PHOTO));
    }

    @Test
    void badAndDeadUrlsAreRefusedClearly() {
        given().contentType(ContentType.JSON).body(Map.of("url", "https://www.tiktok.com@evil.com/@u/video/" + ASR_VIDEO))
                .post("/internal/v1/videos/resolve").then().statusCode(422)
                .body("error_code", equalTo("invalid_url")).body("message", equalTo("Please provide a valid TikTok URL."));
        given().contentType(ContentType.JSON).body(Map.of("url", "https://vm.tiktok.com/ZMdead0001/"))
                .post("/internal/v1/videos/resolve").then().statusCode(404)
                .body("error_code", equalTo("video_unavailable"));
        given().get("/internal/v1/videos/12345").then().statusCode(422).body("error_code", equalTo("invalid_url"));
    }

    @Test
    void metadataCarriesAuthorTextMusicStatsAndCaptions() {
        given().get("/internal/v1/videos/" + ASR_VIDEO).then().statusCode(200)
                .body("video_id", equalTo(ASR_VIDEO))
                .body("canonical_url", equalTo("https://www.tiktok.com/@_/video/" + ASR_VIDEO))
                .body("author.unique_id", equalTo("cookwithmara"))
                .body("author.nickname", equalTo("Mara Cooks"))
                .body("description", startsWith("3-ingredient pasta sauce"))
                .body("hashtags", contains("pasta", "easyrecipe", "dinnerideas"))
                .body("music.title", equalTo("original sound - cookwithmara"))
                .body("music.author", equalTo("Mara Cooks"))
                .body("stats.plays", equalTo(912456))
                .body("stats.likes", equalTo(48213))
                .body("stats.comments", equalTo(734))
                .body("stats.shares", equalTo(1289))
                .body("stats.saves", equalTo(5321))
                .body("duration_seconds", equalTo(21))
                .body("created_at", equalTo("2024-04-06T20:58:53Z"))
                .body("photo_post", is(false))
                .body("captions", hasSize(2))
                .body("captions[1].language", equalTo("eng-US"))
                .body("captions[1].source", equalTo("ASR"))
                .body("captions[1].format", equalTo("webvtt"));
    }

    @Test
    void photoPostsAndUnavailableVideos() {
        given().get("/internal/v1/videos/" + PHOTO).then().statusCode(200)
                .body("photo_post", is(true)).body("duration_seconds", equalTo(14)).body("captions", hasSize(0));
        given().get("/internal/v1/videos/" + PRIVATE).then().statusCode(404)
                .body("error_code", equalTo("video_unavailable")).body("message", equalTo("This video is private"));
    }

    @Test
    void transcriptIsPlainTextPlusTimedCuesOfTheOriginalTrack() {
        CacheRows.forget(ASR_VIDEO);
        given().get("/internal/v1/videos/" + ASR_VIDEO + "/transcript").then().statusCode(200)
                .body("video_id", equalTo(ASR_VIDEO))
                .body("language", equalTo("eng-US"))
                .body("source", equalTo("ASR"))
                .body("text", startsWith("Okay so today I'm going to show you my three ingredient pasta sauce that takes ten minutes"))
                .body("cues[0].start", equalTo(0.12f))
                .body("cues[0].end", equalTo(1.84f))
                .body("cues[0].text", equalTo("Okay so today I'm going to show you"))
                .body("cues[1].text", equalTo("my three ingredient"));
        given().queryParam("language", "es").get("/internal/v1/videos/" + ASR_VIDEO + "/transcript").then().statusCode(200)
                .body("language", equalTo("spa-ES")).body("source", equalTo("MT"));
        given().get("/internal/v1/videos/" + LONG_TALK + "/transcript").then().statusCode(200)
                .body("cues[2].start", equalTo(3718.1f));
    }

    @Test
    void transcriptErrorsFollowTheContract() {
        given().get("/internal/v1/videos/" + NO_CAPTIONS + "/transcript").then().statusCode(404)
                .body("error_code", equalTo("no_subtitle_available"))
                .body("message", equalTo("No subtitle available for this video"));
        given().get("/internal/v1/videos/" + PRIVATE + "/transcript").then().statusCode(404)
                .body("error_code", equalTo("video_unavailable"));
        given().queryParam("language", "not a language").get("/internal/v1/videos/" + ASR_VIDEO + "/transcript").then()
                .statusCode(422).body("error_code", equalTo("invalid_language"));
    }

    @Test
    void answersMatchTheWrittenContract() {
        String resolved = given().contentType(ContentType.JSON).body(Map.of("url", "https://www.tiktok.com/@_/video/" + ASR_VIDEO))
                .post("/internal/v1/videos/resolve").then().statusCode(200).extract().asString();
        InternalContract.assertMatches(InternalContract.okSchema("/internal/v1/videos/resolve", "post"), resolved);
        assertThrows(AssertionError.class, () -> InternalContract.assertMatches(
                InternalContract.okSchema("/internal/v1/videos/resolve", "post"), "{\"video_id\": 5}"), "the check itself catches a wrong answer");
        for (String id : new String[] {ASR_VIDEO, PHOTO, LONG_TALK}) {
            String metadata = given().get("/internal/v1/videos/" + id).then().statusCode(200).extract().asString();
            InternalContract.assertMatches(InternalContract.okSchema("/internal/v1/videos/{videoId}", "get"), metadata);
        }
        String transcript = given().get("/internal/v1/videos/" + ASR_VIDEO + "/transcript").then().statusCode(200).extract().asString();
        InternalContract.assertMatches(InternalContract.okSchema("/internal/v1/videos/{videoId}/transcript", "get"), transcript);
        for (String path : new String[] {"/internal/v1/videos/" + PRIVATE, "/internal/v1/videos/" + NO_CAPTIONS + "/transcript",
                "/internal/v1/videos/123", "/internal/v1/videos/" + ASR_VIDEO + "/transcript?language=not%20one"}) {
            InternalContract.assertMatches(InternalContract.component("Error"), given().get(path).then().extract().asString());
        }
    }

    @Test
    void mediaIsTheSpeechCarryingAudioWhenTheSoundIsOriginal() {
        byte[] body = given().get("/internal/v1/videos/" + ASR_VIDEO + "/media").then().statusCode(200)
                .contentType("audio/mpeg").extract().asByteArray();
        assertEquals((byte) 0xFF, body[0]);
        assertEquals((byte) 0xFB, body[1]);
    }

    @Test
    void kindVideoIsThePictureEvenWhenTheSoundIsOriginal() {
        byte[] body = given().get("/internal/v1/videos/" + ASR_VIDEO + "/media?kind=video").then().statusCode(200)
                .contentType("video/mp4").extract().asByteArray();
        assertEquals("ftyp", new String(body, 4, 4));
        given().get("/internal/v1/videos/" + PHOTO + "/media?kind=video").then().statusCode(404)
                .body("error_code", equalTo("video_unavailable"));
    }

    @Test
    void mediaIsTheSmallestPlayableRenditionWhenTheSoundIsASong() throws Exception {
        int before = Stubs.served("media", "/video/tos/maliva/tos-maliva-ve-0068c799-us/" + LONG_TALK + "/360.mp4");
        byte[] body = given().get("/internal/v1/videos/" + LONG_TALK + "/media").then().statusCode(200)
                .contentType("video/mp4").header("Content-Length", equalTo(String.valueOf(40))).extract().asByteArray();
        assertEquals("ftyp", new String(body, 4, 4));
        assertEquals(before + 1, Stubs.served("media", "/video/tos/maliva/tos-maliva-ve-0068c799-us/" + LONG_TALK + "/360.mp4"));
        given().get("/internal/v1/videos/" + PRIVATE + "/media").then().statusCode(404).body("error_code", equalTo("video_unavailable"));
        given().get("/internal/v1/videos/" + PHOTO + "/media").then().statusCode(200).contentType("audio/mpeg")
                .header("X-Credits-Charged", nullValue());
    }

    @Test
    void captionDownloadsCarryThePagesCookiesAndReferer() throws Exception {
        CacheRows.forget(ASR_VIDEO);
        given().get("/internal/v1/videos/" + ASR_VIDEO + "/transcript?language=eng-US").then().statusCode(200);
        try (InputStream in = VideoResourceTest.class.getResourceAsStream("/fixtures/cdn/tos/captions/" + ASR_VIDEO + "/eng-US.vtt")) {
            byte[] served = in.readAllBytes();
            String raw = given().contentType(ContentType.JSON).header("X-Account-Id", Stubs.account(5)).header("X-Key-Mode", "test")
                    .body(Map.of("url", "https://www.tiktok.com/@_/video/" + ASR_VIDEO, "format", "raw"))
                    .post("/api/v1/tiktok/subtitle").then().statusCode(200).extract().path("subtitle_content");
            assertArrayEquals(served, raw.getBytes(StandardCharsets.UTF_8));
        }
    }
}

package com.tikneuron.standin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The on-screen text fixtures: pages in TikTok's shape, media made with ffmpeg, slides on the image CDN. */
class OnScreenMediaTest {

    private static TikTokStandIn standIn;
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        standIn = TikTokStandIn.start(0);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @Test
    void thePhotoPostPageListsItsSlidesAndTakesItsLengthFromTheMusic() throws Exception {
        HttpResponse<String> page = get("www.tiktok.com", "/@sleepcoach.nina/photo/" + OnScreen.PHOTO_POST);
        assertEquals(200, page.statusCode());
        String json = page.body().replace("\\u002F", "/");
        assertTrue(json.contains("\"imagePost\":{\"images\":[{\"imageURL\":{\"urlList\":[\"" + OnScreen.imageUrl(OnScreen.PHOTO_POST, 1) + "\""), json);
        assertTrue(json.contains("\"duration\":0,"), "video.duration is 0 for a slideshow");
        assertTrue(json.contains("\"duration\":9,\"album\""), "the length is the music's");
    }

    @Test
    void slidesAreServedFromTheImageCdnWithoutTheChainTokenAndAreJpegs() throws Exception {
        URI slide = URI.create(OnScreen.imageUrl(OnScreen.PHOTO_POST, 2));
        HttpResponse<byte[]> image = CLIENT.send(HttpRequest.newBuilder(URI.create(standIn.origin() + slide.getRawPath()
                        + "?" + slide.getRawQuery())).header("X-Forwarded-Host", slide.getHost()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, image.statusCode());
        assertEquals("image/jpeg", image.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(OnScreen.slide(OnScreen.PHOTO_POST, 2), image.body());
        assertEquals(0xFF, image.body()[0] & 0xFF);
        assertEquals(0xD8, image.body()[1] & 0xFF);
        assertEquals(1, standIn.count("images", slide.getRawPath()));
        assertEquals(404, get("p16-sign-va.tiktokcdn.com", "/tos-maliva-i-photomode-us/" + OnScreen.PHOTO_POST
                + "-4~tplv-photomode-image.jpeg").statusCode(), "the post has three slides");
    }

    @Test
    void theOversizedSlideDeclaresAHugePictureInAFewBytes() {
        byte[] png = OnScreen.oversizedPng();
        assertTrue(png.length < 64);
        assertEquals("IHDR", new String(png, 12, 4, StandardCharsets.US_ASCII));
        assertEquals(30_000, java.nio.ByteBuffer.wrap(png, 16, 4).getInt());
    }

    @Test
    void theVideosLastThreeCardsOfFourSecondsOrTwelveSecondsWithoutText() throws Exception {
        for (String id : OnScreen.videos()) {
            double expected = OnScreen.cards(id).isEmpty() ? 12 : OnScreen.cards(id).size() * OnScreen.CARD_SECONDS;
            assertEquals(expected, seconds(OnScreen.mp4(id)), 0.5, id);
            String item = Fixtures.fromClasspath().video(id).itemJson();
            assertTrue(item.contains("\"subtitleInfos\":[]") && item.contains("\"original\":false"),
                    "no captions, and music that is not the video's own sound: " + id);
            assertEquals(id, OnScreen.videoOf("/video/tos/maliva/tos-maliva-ve-0068c799-us/" + id + "/360.mp4"));
        }
        assertTrue(OnScreen.text(OnScreen.GERMAN).contains("Äpfel"));
        assertTrue(get("www.tiktok.com", "/__standin/on-screen").body().contains("\"video_id\":\"" + OnScreen.ARABIC + "\""));
    }

    private static HttpResponse<String> get(String host, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(standIn.origin() + path)).header("X-Forwarded-Host", host).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static double seconds(byte[] mp4) throws Exception {
        Path file = Files.createTempFile("onscreen", ".mp4");
        try {
            Files.write(file, mp4);
            Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                    "default=noprint_wrappers=1:nokey=1", file.toString()).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            assertTrue(probe.waitFor(30, TimeUnit.SECONDS));
            return Double.parseDouble(out);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

package com.tikneuron.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The control routes for fault scenarios, generated videos for load tests and short links added at run time. */
class TikTokStandInControlTest {

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

    @AfterEach
    void clearFaults() throws Exception {
        send("DELETE", "/__standin/faults", null);
    }

    private static HttpResponse<String> get(String host, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(standIn.origin() + path))
                .header("X-Forwarded-Host", host).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(standIn.origin() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String chainToken(HttpResponse<?> page) {
        return page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("tt_chain_token="))
                .map(c -> c.split(";")[0]).findFirst().orElseThrow();
    }

    private static String caption(String id) throws Exception {
        String cookie = chainToken(get("www.tiktok.com", "/@loadtest/video/" + id));
        HttpResponse<String> track = get("v16-webapp.tiktokcdn.com", "/tos/captions/" + id + "/eng-US.vtt?x-expires=1719964800",
                "Cookie", cookie, "Referer", "https://www.tiktok.com/");
        assertEquals(200, track.statusCode());
        return track.body();
    }

    @Test
    void aDelayHoldsEveryTikTokRequestButNotTheControlRoutes() throws Exception {
        assertEquals(200, send("POST", "/__standin/faults", "{\"delay_ms\": 700, \"drop_rate\": 0}").statusCode());
        assertEquals("{\"delay_ms\":700,\"drop_rate\":0.0}", send("GET", "/__standin/faults", null).body());
        long started = System.nanoTime();
        assertEquals(200, get("www.tiktok.com", "/@_/video/7354861484037524768").statusCode());
        assertTrue(System.nanoTime() - started >= 700_000_000L, "the page waited for the delay");
        started = System.nanoTime();
        assertEquals(200, get("www.tiktok.com", "/__standin/stats").statusCode());
        assertTrue(System.nanoTime() - started < 600_000_000L, "control routes are never delayed");

        assertEquals(204, send("DELETE", "/__standin/faults", null).statusCode());
        assertEquals("{\"delay_ms\":0,\"drop_rate\":0.0}", send("GET", "/__standin/faults", null).body());
        started = System.nanoTime();
        assertEquals(200, get("www.tiktok.com", "/@_/video/7354861484037524768").statusCode());
        assertTrue(System.nanoTime() - started < 600_000_000L, "no delay once the faults are cleared");
    }

    @Test
    void dropsCloseTheConnectionWithoutAnAnswerAndAreCounted() throws Exception {
        int before = standIn.count("dropped", "short_links");
        send("POST", "/__standin/faults", "{\"drop_rate\": 1.0}");
        assertThrows(IOException.class, () -> get("vm.tiktok.com", "/ZMhvqjqjq/"));
        assertTrue(standIn.count("dropped", "short_links") > before);
        assertTrue(send("GET", "/__standin/stats", null).body().contains("\"dropped\":{\"short_links\":"));

        // A partial rate drops some requests and answers the others.
        send("POST", "/__standin/faults", "{\"drop_rate\": 0.5}");
        int answered = 0;
        int dropped = 0;
        for (int i = 0; i < 40; i++) {
            try {
                assertEquals(301, get("vm.tiktok.com", "/ZMhvqjqjq/").statusCode());
                answered++;
            } catch (IOException e) {
                dropped++;
            }
        }
        assertTrue(answered > 0 && dropped > 0, answered + " answered, " + dropped + " dropped");
    }

    @Test
    void droppedRequestsAreNotServed() throws Exception {
        int served = standIn.count("pages", "7361573949415050724");
        send("POST", "/__standin/faults", "{\"drop_rate\": 1}");
        assertThrows(IOException.class, () -> get("www.tiktok.com", "/@_/video/7361573949415050724"));
        assertEquals(served, standIn.count("pages", "7361573949415050724"));
        assertTrue(standIn.count("dropped", "pages") > 0);
    }

    @Test
    void badFaultsAreRefusedAndChangeNothing() throws Exception {
        send("POST", "/__standin/faults", "{\"delay_ms\": 5}");
        assertEquals(400, send("POST", "/__standin/faults", "{\"drop_rate\": 1.5}").statusCode());
        assertEquals(400, send("POST", "/__standin/faults", "{\"delay_ms\": -1}").statusCode());
        assertEquals("{\"delay_ms\":5,\"drop_rate\":0.0}", send("GET", "/__standin/faults", null).body());
    }

    @Test
    void generatedVideosArePublicPagesByLoadtestWithOneEnglishTrack() throws Exception {
        HttpResponse<String> page = get("www.tiktok.com", "/@loadtest/video/7399000000000012345");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script id=\"__UNIVERSAL_DATA_FOR_REHYDRATION__\" type=\"application/json\">"));
        assertTrue(page.body().contains("\"statusCode\":0"));
        assertTrue(page.body().contains("\"uniqueId\":\"loadtest\""));
        assertTrue(page.body().contains("\"id\":\"7399000000000012345\""));
        assertEquals(1, page.body().split("\"LanguageCodeName\":", -1).length - 1, "exactly one caption track");
        assertTrue(page.body().contains("\"LanguageCodeName\":\"eng-US\""));
        assertTrue(page.body().contains("captions\\u002F7399000000000012345\\u002Feng-US.vtt"));

        String first = caption("7399000000000012345");
        assertTrue(first.startsWith("WEBVTT\r\n"));
        assertTrue(first.contains("00:00:00.120 --> 00:00:02.900"));
        assertEquals(first, caption("7399000000000012345"), "the same id always reads the same");
        assertNotEquals(first, caption("7399000000000012346"));
        assertNotEquals(first, caption("7399123456789012345"));
    }

    @Test
    void onlyNineteenDigitIdsStartingWith7399AreGenerated() throws Exception {
        assertTrue(get("www.tiktok.com", "/@_/video/7398000000000012345").body().contains("\"statusCode\":10204"));
        assertFalse(Generated.isGenerated("739900000000001234"));
        assertFalse(Generated.isGenerated("73990000000000123456"));
        assertTrue(Generated.isGenerated("7399999999999999999"));
        String cookie = chainToken(get("www.tiktok.com", "/@_/video/7354861484037524768"));
        assertEquals(403, get("v16-webapp.tiktokcdn.com", "/tos/captions/7399000000000012345/eng-US.vtt").statusCode(),
                "generated captions follow the same CDN rules");
        assertEquals(404, get("v16-webapp.tiktokcdn.com", "/tos/captions/7399000000000012345/spa-ES.vtt",
                "Cookie", cookie, "Referer", "https://www.tiktok.com/").statusCode());
    }

    @Test
    void generatedVideosHaveMedia() throws Exception {
        String cookie = chainToken(get("www.tiktok.com", "/@loadtest/video/7399000000000000777"));
        HttpResponse<byte[]> audio = CLIENT.send(HttpRequest.newBuilder(URI.create(standIn.origin()
                        + "/obj/ies-music-ttp-dup-us/7399000000000000777.mp3"))
                .header("X-Forwarded-Host", "sf16-ies-music-va.tiktokcdn.com").header("Cookie", cookie)
                .header("Referer", "https://www.tiktok.com/").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, audio.statusCode());
        assertEquals((byte) 0xFF, audio.body()[0]);
    }

    @Test
    void shortLinksAddedAtRunTimeRedirectAnywhere() throws Exception {
        assertEquals("https://www.tiktok.com/?_r=1", get("vm.tiktok.com", "/ZMssrf0001/").headers().firstValue("Location").orElseThrow());
        assertEquals(204, send("POST", "/__standin/short-links",
                "{\"host\": \"vm.tiktok.com\", \"code\": \"ZMssrf0001\", \"location\": \"http://127.0.0.1:45678/secret\"}").statusCode());
        HttpResponse<String> link = get("vm.tiktok.com", "/ZMssrf0001/");
        assertEquals(301, link.statusCode());
        assertEquals("http://127.0.0.1:45678/secret", link.headers().firstValue("Location").orElseThrow());

        assertEquals(204, send("POST", "/__standin/short-links",
                "{\"host\": \"www.tiktok.com\", \"code\": \"ZTssrf0002\", \"location\": \"file:///etc/passwd\"}").statusCode());
        assertEquals("file:///etc/passwd", get("www.tiktok.com", "/t/ZTssrf0002/").headers().firstValue("Location").orElseThrow());

        assertEquals(400, send("POST", "/__standin/short-links",
                "{\"host\": \"evil.example\", \"code\": \"ZMssrf0003\", \"location\": \"http://x/\"}").statusCode());
        assertEquals(400, send("POST", "/__standin/short-links", "{\"host\": \"vm.tiktok.com\", \"code\": \"a/b\"}").statusCode());
    }
}

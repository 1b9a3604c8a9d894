package com.tikneuron.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TikTokStandInTest {

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

    private static HttpResponse<String> get(String host, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(standIn.origin() + path)).header("X-Forwarded-Host", host);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String chainToken(HttpResponse<?> page) {
        return page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("tt_chain_token="))
                .map(c -> c.split(";")[0]).findFirst().orElseThrow();
    }

    @Test
    void pagesCarryTheRehydrationJsonAndCountEachFetch() throws Exception {
        int before = standIn.count("pages", "7354861484037524768");
        HttpResponse<String> page = get("www.tiktok.com", "/@_/video/7354861484037524768");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script id=\"__UNIVERSAL_DATA_FOR_REHYDRATION__\" type=\"application/json\">"));
        assertTrue(page.body().contains("\"statusCode\":0"));
        assertTrue(page.body().contains("\"LanguageCodeName\":\"eng-US\""));
        String json = page.body().substring(page.body().indexOf("application/json\">"), page.body().indexOf("</script>"));
        assertTrue(!json.contains("https://") && json.contains("https:\\u002F\\u002F"), "slashes in the inline JSON are escaped like TikTok's");
        assertEquals(before + 1, standIn.count("pages", "7354861484037524768"));
        HttpResponse<String> stats = get("www.tiktok.com", "/__standin/stats");
        assertTrue(stats.body().contains("\"7354861484037524768\":" + (before + 1)), stats.body());
    }

    @Test
    void statusPagesOlderLayoutsAndUnknownIds() throws Exception {
        assertTrue(get("www.tiktok.com", "/@_/video/7378753816223753998").body().contains("\"statusCode\":10216"));
        assertTrue(get("www.tiktok.com", "/@_/video/7396888120245563187").body().contains("<script id=\"SIGI_STATE\""));
        assertTrue(get("www.tiktok.com", "/@_/video/7000000000000000001").body().contains("\"statusCode\":10204"));
    }

    @Test
    void shortLinksRedirectWithoutBeingFollowed() throws Exception {
        HttpResponse<String> link = get("vm.tiktok.com", "/ZMhvqjqjq/");
        assertEquals(301, link.statusCode());
        assertTrue(link.headers().firstValue("Location").orElseThrow().startsWith("https://www.tiktok.com/@cookwithmara/video/7354861484037524768"));
        assertEquals("https://www.tiktok.com/?_r=1&_t=8oDeadLink", get("vm.tiktok.com", "/ZMdead0001/").headers().firstValue("Location").orElseThrow());
        assertTrue(get("www.tiktok.com", "/t/ZT8kLmNoP/").headers().firstValue("Location").orElseThrow().contains("/photo/7392115934734614480"));
    }

    @Test
    void theCdnWantsThePagesCookieAndTikToksReferer() throws Exception {
        String caption = "/tos/captions/7354861484037524768/eng-US.vtt?x-expires=1712610000";
        assertEquals(403, get("v16-webapp.tiktokcdn.com", caption).statusCode());
        String cookie = chainToken(get("www.tiktok.com", "/@_/video/7354861484037524768"));
        assertEquals(403, get("v16-webapp.tiktokcdn.com", caption, "Cookie", cookie).statusCode());
        HttpResponse<String> track = get("v16-webapp.tiktokcdn.com", caption, "Cookie", cookie, "Referer", "https://www.tiktok.com/");
        assertEquals(200, track.statusCode());
        assertTrue(track.body().startsWith("WEBVTT\r\n"));
        HttpResponse<byte[]> audio = CLIENT.send(HttpRequest.newBuilder(URI.create(standIn.origin()
                        + "/obj/ies-music-ttp-dup-us/7354861512345678901.mp3"))
                .header("X-Forwarded-Host", "sf16-ies-music-va.tiktokcdn.com").header("Cookie", cookie)
                .header("Referer", "https://www.tiktok.com/").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("audio/mpeg", audio.headers().firstValue("Content-Type").orElseThrow());
        assertEquals((byte) 0xFF, audio.body()[0]);
    }

    @Test
    void theChallengedVideoIsServedOnlyToAClientThatSolvesTheChallenge() throws Exception {
        String challenge = get("www.tiktok.com", "/@_/video/7401660308869023780").body();
        Matcher cs = Pattern.compile("id=\"cs\" class=\"([^\"]+)\"").matcher(challenge);
        assertTrue(cs.find(), challenge);
        String json = new String(Base64.getDecoder().decode(cs.group(1)), StandardCharsets.UTF_8);
        Matcher a = Pattern.compile("\"a\":\"([^\"]+)\"").matcher(json);
        Matcher c = Pattern.compile("\"c\":\"([^\"]+)\"").matcher(json);
        assertTrue(a.find() && c.find());
        byte[] salt = Base64.getDecoder().decode(a.group(1));
        byte[] expected = Base64.getDecoder().decode(c.group(1));
        int answer = -1;
        for (int i = 0; i <= 1_000_000 && answer < 0; i++) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
            if (MessageDigest.isEqual(sha.digest(), expected)) {
                answer = i;
            }
        }
        String solved = json.replace("\"c\":\"" + c.group(1) + "\"", "\"c\":\"" + c.group(1) + "\",\"d\":\""
                + Base64.getEncoder().encodeToString(Integer.toString(answer).getBytes(StandardCharsets.US_ASCII)) + "\"");
        String cookie = "_wafchallengeid=" + Base64.getEncoder().encodeToString(solved.getBytes(StandardCharsets.UTF_8));
        assertTrue(get("www.tiktok.com", "/@_/video/7401660308869023780", "Cookie", cookie).body().contains("\"statusCode\":0"));
        assertTrue(get("www.tiktok.com", "/@_/video/7401660308869023780", "Cookie", "_wafchallengeid=bm9wZQ==").body().contains("id=\"cs\""));
    }
}

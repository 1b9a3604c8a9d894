package com.tikneuron.subtitle.tiktok;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TikTokUrlsTest {

    private static final String ID = "7354861484037524768";

    @ParameterizedTest
    @ValueSource(strings = {
            "https://www.tiktok.com/@scout2015/video/" + ID,
            "https://www.tiktok.com/@_/video/" + ID,
            "https://www.tiktok.com/@/video/" + ID,
            "http://www.tiktok.com/@user.name_1/video/" + ID + "?is_from_webapp=1&sender_device=pc",
            "https://tiktok.com/@user/video/" + ID + "/",
            "https://www.tiktok.com/@user/video/" + ID + "?_r=1#comments",
            "https://www.tiktok.com/@user/video/" + ID + "?lang=en",
            "https://www.tiktok.com/@user/photo/" + ID,
            "https://www.tiktok.com/embed/" + ID,
            "https://www.tiktok.com/embed/v2/" + ID + "?lang=en",
            "https://www.tiktok.com/share/video/" + ID,
            "https://www.tiktokv.com/share/video/" + ID + "/",
            "https://m.tiktok.com/v/" + ID + ".html",
            "https://m.tiktok.com/v/" + ID + ".html?_r=1",
            "HTTPS://WWW.TIKTOK.COM/@user/video/" + ID,
            "https://www.tiktok.com:443/@user/video/" + ID,
            "  https://www.tiktok.com/@user/video/" + ID + "  "
    })
    void everyDirectFormYieldsTheVideoIdOffline(String url) {
        assertEquals(new TikTokUrl.Video(ID), TikTokUrls.parse(url));
    }

    @ParameterizedTest
    @MethodSource("shortLinks")
    void shortLinksAreNormalisedForFollowing(String url, String normalised) {
        assertEquals(new TikTokUrl.ShortLink(normalised), TikTokUrls.parse(url));
    }

    static Stream<Arguments> shortLinks() {
        return Stream.of(
                Arguments.of("https://vm.tiktok.com/ZMhvqjqjq/", "https://vm.tiktok.com/ZMhvqjqjq/"),
                Arguments.of("http://vm.tiktok.com/ZMhvqjqjq?_r=1", "https://vm.tiktok.com/ZMhvqjqjq/"),
                Arguments.of("https://vt.tiktok.com/ZSYbx7nKp", "https://vt.tiktok.com/ZSYbx7nKp/"),
                Arguments.of("https://www.tiktok.com/t/ZT8kLmNoP/", "https://www.tiktok.com/t/ZT8kLmNoP/"),
                Arguments.of("https://tiktok.com/t/ZT8kLmNoP", "https://tiktok.com/t/ZT8kLmNoP/"));
    }

    /** Look-alike hosts, userinfo tricks, IP literals in every notation, other schemes, other page kinds, enormous input. */
    static Stream<String> hostileUrls() {
        return Stream.of(
                "https://tiktok.com.evil.net/@u/video/" + ID,
                "https://www.tiktok.com.evil.net/@u/video/" + ID,
                "https://evil.com/tiktok.com/@u/video/" + ID,
                "https://evil.com/?u=https://www.tiktok.com/@u/video/" + ID,
                "https://eviltiktok.com/@u/video/" + ID,
                "https://tiktok.co/@u/video/" + ID,
                "https://xn--tktok-lsa.com/@u/video/" + ID,
                "https://www.tiktоk.com/@u/video/" + ID,
                "https://www.tiktok.com./@u/video/" + ID,
                "https://www.tiktok.com@evil.com/@u/video/" + ID,
                "https://user:pass@www.tiktok.com/@u/video/" + ID,
                "https://www.tiktok.com:pass@evil.com/@u/video/" + ID,
                "https://evil.com#@www.tiktok.com/@u/video/" + ID,
                "https://www.tiktok.com\\@evil.com/@u/video/" + ID,
                "https://www.tiktok.com%2F@evil.com/@u/video/" + ID,
                "https://www.tiktok.com:8080/@u/video/" + ID,
                "https://127.0.0.1/@u/video/" + ID,
                "https://2130706433/@u/video/" + ID,
                "https://0x7f000001/@u/video/" + ID,
                "https://0177.0.0.1/@u/video/" + ID,
                "https://127.1/@u/video/" + ID,
                "https://[::1]/@u/video/" + ID,
                "https://[::ffff:127.0.0.1]/@u/video/" + ID,
                "https://[::ffff:7f00:1]/@u/video/" + ID,
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.1/@u/video/" + ID,
                "http://0.0.0.0/@u/video/" + ID,
                "http://localhost/@u/video/" + ID,
                "ftp://www.tiktok.com/@u/video/" + ID,
                "file:///etc/passwd",
                "javascript:alert(1)//www.tiktok.com/@u/video/" + ID,
                "data:text/html,<script>alert(1)</script>",
                "gopher://www.tiktok.com/_GET%20/",
                "//www.tiktok.com/@u/video/" + ID,
                "www.tiktok.com/@u/video/" + ID,
                "https://www.tiktok.com/@u/video/" + ID + "\r\nHost: evil.com",
                "https://www.tiktok.com/@u/video/" + ID + "%2F..%2F..%2Fadmin",
                "https://www.tiktok.com/@u",
                "https://www.tiktok.com/@u/live",
                "https://www.tiktok.com/tag/pasta",
                "https://www.tiktok.com/music/original-sound-7354861512345678901",
                "https://www.tiktok.com/",
                "https://www.tiktok.com/t/",
                "https://vm.tiktok.com/",
                "https://vm.tiktok.com/../../etc/passwd",
                "https://www.tiktok.com/@u/video/123",
                "https://www.tiktok.com/@u/video/0000000000000000001",
                "https://www.tiktok.com/@u/video/99999999999999999999",
                "https://www.tiktok.com/@u/video/" + ID + "?pad=" + "a".repeat(5000),
                "https://" + "a.".repeat(2000) + "tiktok.com/@u/video/" + ID,
                "",
                "   ");
    }

    @ParameterizedTest
    @MethodSource("hostileUrls")
    void hostileUrlsAreRefused(String url) {
        assertThrows(InvalidUrlException.class, () -> TikTokUrls.parse(url));
    }

    @Test
    void atLeastTwentyHostileUrlsAreCovered() {
        assertTrue(hostileUrls().count() >= 20);
    }

    @Test
    void nullIsRefused() {
        assertThrows(InvalidUrlException.class, () -> TikTokUrls.parse(null));
    }

    @Test
    void idsCarryAPlausibleCreationTime() {
        assertTrue(TikTokUrls.plausibleId(ID));
        assertEquals(1712437133L, Long.parseLong(ID) >>> 32);
    }

    @Test
    void homeAndLoginRedirectsAreRecognised() {
        assertTrue(TikTokUrls.isHomePage("https://www.tiktok.com/?_r=1&_t=8oDeadLink"));
        assertTrue(TikTokUrls.isLoginPage("https://www.tiktok.com/login?redirect_url=x"));
        assertEquals(false, TikTokUrls.isHomePage("https://evil.com/"));
    }
}

package com.tikneuron.gateway.tiktok;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The public URL forms of TIKTOK-FACTS.md pass; other hosts, look-alikes and non-video pages do not. */
class TikTokUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "https://www.tiktok.com/@username/video/7354861484037524768",
        "https://www.tiktok.com/@username/video/7354861484037524768/",
        "https://www.tiktok.com/@username/video/7354861484037524768?is_from_webapp=1&sender_device=pc",
        "http://tiktok.com/@user.name_1/video/7354861484037524768?lang=en",
        "https://www.tiktok.com/@/video/7354861484037524768",
        "https://www.tiktok.com/@_/video/7354861484037524768",
        "https://www.tiktok.com/@username/photo/7354861484037524768",
        "https://www.tiktok.com/embed/7354861484037524768",
        "https://www.tiktok.com/embed/v2/7354861484037524768",
        "https://www.tiktok.com/share/video/7354861484037524768",
        "https://www.tiktokv.com/share/video/7354861484037524768",
        "https://m.tiktok.com/v/7354861484037524768.html",
        "https://vm.tiktok.com/ZMabc123/",
        "https://vt.tiktok.com/ZSxyz789/?_r=1",
        "https://www.tiktok.com/t/ZT8abcdef/",
        "HTTPS://WWW.TIKTOK.COM/@username/video/7354861484037524768"
    })
    void acceptsEveryPublicVideoUrlForm(String url) {
        assertTrue(TikTokUrls.isVideoUrl(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not a url",
        "ftp://www.tiktok.com/@username/video/7354861484037524768",
        "javascript:alert(1)",
        "https://tiktok.com.evil.net/@username/video/7354861484037524768",
        "https://evil.com/tiktok.com/@username/video/7354861484037524768",
        "https://www.tiktok.com@evil.com/@username/video/7354861484037524768",
        "https://user:pass@www.tiktok.com/@username/video/7354861484037524768",
        "https://www.tiktok.com:8443/@username/video/7354861484037524768",
        "https://www.tiktok.com/@username",
        "https://www.tiktok.com/@username/live",
        "https://www.tiktok.com/tag/funny",
        "https://www.tiktok.com/music/song-7354861484037524768",
        "https://www.tiktok.com/@username/video/123",
        "https://www.tiktok.com/@username/video/73548614840375247689",
        "https://www.tiktok.com/",
        "https://vm.tiktok.com/",
        "https://vm.tiktok.com/abc/def",
        "https://m.tiktok.com/v/7354861484037524768",
        "https://www.tiktokv.com/@username/video/7354861484037524768",
        "https://faketiktok.com/@username/video/7354861484037524768"
    })
    void refusesEverythingElse(String url) {
        assertFalse(TikTokUrls.isVideoUrl(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://www.tiktok.com/@username/video/7354861484037524768",
        "https://www.tiktok.com/@username/video/7354861484037524768/?is_from_webapp=1",
        "http://tiktok.com/@user.name_1/photo/7354861484037524768",
        "https://www.tiktok.com/embed/v2/7354861484037524768",
        "https://www.tiktokv.com/share/video/7354861484037524768",
        "https://m.tiktok.com/v/7354861484037524768.html"
    })
    void videoIdIsTheOneTheUrlNames(String url) {
        assertEquals(Optional.of("7354861484037524768"), TikTokUrls.videoId(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://vm.tiktok.com/7354861484037524768/",
        "https://www.tiktok.com/t/7354861484037524768/",
        "https://www.tiktok.com@evil.com/@username/video/7354861484037524768",
        "https://example.com/@username/video/7354861484037524768"
    })
    void shortLinksAndForeignUrlsNameNoVideoId(String url) {
        assertEquals(Optional.empty(), TikTokUrls.videoId(url));
    }
}

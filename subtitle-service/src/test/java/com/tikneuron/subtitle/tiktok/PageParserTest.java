package com.tikneuron.subtitle.tiktok;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class PageParserTest {

    private static final String ID = "7354861484037524768";
    private final ObjectMapper mapper = new ObjectMapper();
    private final PageParser parser = new PageParser(mapper);

    private static String universal(String detail) {
        return "<html><body><script id=\"__UNIVERSAL_DATA_FOR_REHYDRATION__\" type=\"application/json\">"
                + "{\"__DEFAULT_SCOPE__\":{\"webapp.app-context\":{},\"webapp.video-detail\":" + detail + "}}</script></body></html>";
    }

    private static final String ITEM = "{\"id\":\"" + ID + "\",\"desc\":\"Hi #pasta\",\"createTime\":\"1712437133\","
            + "\"author\":{\"uniqueId\":\"mara\",\"nickname\":\"Mara\"},"
            + "\"music\":{\"title\":\"original sound - mara\",\"authorName\":\"Mara\",\"playUrl\":\"https:\\u002F\\u002Fsf16-ies-music.tiktokcdn.com\\u002Fa.mp3\",\"original\":true},"
            + "\"stats\":{\"playCount\":10,\"diggCount\":\"x\"},\"statsV2\":{\"diggCount\":\"7\",\"shareCount\":\"2\"},"
            + "\"textExtra\":[{\"hashtagName\":\"pasta\"},{\"hashtagName\":\"\"},{\"hashtagName\":\"pasta\"}],"
            + "\"video\":{\"duration\":21,\"bitrateInfo\":["
            + "{\"CodecType\":\"h264\",\"PlayAddr\":{\"DataSize\":900,\"UrlList\":[\"https://v16.tiktok.com/big.mp4\"]}},"
            + "{\"CodecType\":\"bytevc2\",\"PlayAddr\":{\"DataSize\":10,\"UrlList\":[\"https://v16.tiktok.com/bvc2.mp4\"]}},"
            + "{\"CodecType\":\"h264\",\"PlayAddr\":{\"DataSize\":300,\"UrlList\":[\"https://v16.tiktok.com/small.mp4\"]}}],"
            + "\"subtitleInfos\":[{\"LanguageCodeName\":\"spa-ES\",\"Url\":\"https://c.tiktokcdn.com/spa.vtt\",\"Format\":\"webvtt\",\"Source\":\"MT\"},"
            + "{\"LanguageCodeName\":\"eng-US\",\"Url\":\"https://c.tiktokcdn.com/eng.vtt\",\"Format\":\"webvtt\",\"Source\":\"ASR\"}],"
            + "\"claInfo\":{\"captionInfos\":[{\"language\":\"eng-US\",\"url\":\"https://c.tiktokcdn.com/eng.vtt\","
            + "\"urlList\":[\"https://c2.tiktokcdn.com/eng.vtt\"],\"captionFormat\":\"webvtt\",\"isAutoGen\":true,\"isOriginalCaption\":true},"
            + "{\"language\":\"fra-FR\",\"url\":\"https://c.tiktokcdn.com/fra.vtt\",\"captionFormat\":\"webvtt\",\"isAutoGen\":true,\"isOriginalCaption\":false}]}}}";

    @Test
    void readsTheCurrentRehydrationLayout() {
        PageParser.Page page = parser.parse(universal("{\"itemInfo\":{\"itemStruct\":" + ITEM + "},\"statusCode\":0}"), ID);
        VideoItem item = assertInstanceOf(PageParser.VideoPage.class, page).item();
        assertEquals(ID, item.videoId());
        assertEquals("mara", item.authorUniqueId());
        assertEquals(List.of("pasta"), item.hashtags());
        assertEquals(10L, item.plays());
        assertEquals(7L, item.likes(), "a non-numeric stat falls back to statsV2's string number");
        assertEquals(2L, item.shares());
        assertNull(item.comments());
        assertEquals(21, item.durationSeconds());
        assertEquals(Instant.ofEpochSecond(1712437133L), item.createdAt());
        assertEquals(List.of("spa-ES", "eng-US", "fra-FR"), item.captions().stream().map(CaptionTrack::language).toList());
        CaptionTrack english = item.captions().get(1);
        assertTrue(english.original());
        assertEquals(List.of("https://c.tiktokcdn.com/eng.vtt", "https://c2.tiktokcdn.com/eng.vtt"), english.urls());
        assertEquals("MT", item.captions().get(2).source());
        assertEquals(List.of("https://sf16-ies-music.tiktokcdn.com/a.mp3"), item.media().get(0).urls(), "original sound carries the speech");
        assertEquals(List.of("https://v16.tiktok.com/small.mp4"), item.media().get(1).urls(), "smallest playable rendition, never bytevc2");
    }

    @Test
    void missingFieldsAreAbsentValuesNeverErrors() {
        PageParser.Page page = parser.parse(universal("{\"itemInfo\":{\"itemStruct\":{\"video\":{\"subtitleInfos\":{},\"claInfo\":[]},"
                + "\"stats\":[],\"author\":\"x\",\"textExtra\":{},\"createTime\":\"soon\"}},\"statusCode\":0}"), ID);
        VideoItem item = assertInstanceOf(PageParser.VideoPage.class, page).item();
        assertEquals(ID, item.videoId());
        assertNull(item.authorUniqueId());
        assertNull(item.plays());
        assertNull(item.createdAt());
        assertNull(item.durationSeconds());
        assertEquals(List.of(), item.captions());
        assertEquals(List.of(), item.media());
        assertFalse(item.photoPost());
    }

    @Test
    void statusCodesBecomeClearMessages() {
        assertEquals("This video is private",
                assertInstanceOf(PageParser.Unavailable.class, parser.parse(universal("{\"statusCode\":10216,\"statusMsg\":\"\"}"), ID)).message());
        assertEquals("This video is not available in this region",
                assertInstanceOf(PageParser.Unavailable.class, parser.parse(universal("{\"statusCode\":10231}"), ID)).message());
        assertEquals("This account is private", StatusCodes.message(10222));
        assertEquals("This video is age-restricted", assertInstanceOf(PageParser.Unavailable.class,
                parser.parse(universal("{\"statusCode\":0,\"itemInfo\":{\"itemStruct\":{\"isContentClassified\":true}}}"), ID)).message());
    }

    @Test
    void fallsBackToSigiStateAndNextData() {
        String sigi = "<script id=\"SIGI_STATE\" type=\"application/json\">{\"ItemModule\":{\"" + ID + "\":" + ITEM + "},"
                + "\"VideoPage\":{\"statusCode\":0}}</script>";
        assertEquals("mara", assertInstanceOf(PageParser.VideoPage.class, parser.parse(sigi, ID)).item().authorUniqueId());
        String next = "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\":{\"pageProps\":{\"statusCode\":0,"
                + "\"itemInfo\":{\"itemStruct\":" + ITEM + "}}}}</script>";
        assertEquals(21, assertInstanceOf(PageParser.VideoPage.class, parser.parse(next, ID)).item().durationSeconds());
    }

    @Test
    void aPhotoPostTakesItsLengthAndAudioFromTheMusic() {
        String photo = "{\"id\":\"" + ID + "\",\"imagePost\":{\"images\":[]},\"video\":{\"duration\":0},"
                + "\"music\":{\"title\":\"Song\",\"duration\":14,\"playUrl\":\"https://sf16.tiktokcdn.com/s.mp3\",\"original\":false}}";
        VideoItem item = assertInstanceOf(PageParser.VideoPage.class,
                parser.parse(universal("{\"itemInfo\":{\"itemStruct\":" + photo + "},\"statusCode\":0}"), ID)).item();
        assertTrue(item.photoPost());
        assertEquals(14, item.durationSeconds());
        assertEquals("audio/mpeg", item.media().get(0).contentType());
    }

    @Test
    void aPhotoPostKeepsTheFirstUrlOfEachSlideInOrder() {
        String photo = "{\"id\":\"" + ID + "\",\"imagePost\":{\"images\":["
                + "{\"imageURL\":{\"urlList\":[\"https://p16-sign-va.tiktokcdn.com/a-1.jpeg?x-signature=s1\","
                + "\"https://p19-sign.tiktokcdn-us.com/a-1.jpeg?x-signature=s1\"]}},"
                + "{\"imageURL\":{\"urlList\":[]}},"
                + "{\"imageURL\":{\"urlList\":[\"\",\"https://p16-sign-va.tiktokcdn.com/a-3.jpeg?x-signature=s3\"]}}]},"
                + "\"video\":{\"duration\":0},\"music\":{\"title\":\"Song\",\"duration\":9}}";
        VideoItem item = assertInstanceOf(PageParser.VideoPage.class,
                parser.parse(universal("{\"itemInfo\":{\"itemStruct\":" + photo + "},\"statusCode\":0}"), ID)).item();
        assertEquals(java.util.List.of("https://p16-sign-va.tiktokcdn.com/a-1.jpeg?x-signature=s1",
                "https://p16-sign-va.tiktokcdn.com/a-3.jpeg?x-signature=s3"), item.images());
        assertTrue(assertInstanceOf(PageParser.VideoPage.class,
                parser.parse(universal("{\"itemInfo\":{\"itemStruct\":{\"id\":\"" + ID + "\",\"video\":{\"duration\":5}}},"
                        + "\"statusCode\":0}"), ID)).item().images().isEmpty(), "a video has no slides");
    }

    @Test
    void unknownPagesAndBrokenJsonAreRecognisedAsSuch() {
        assertInstanceOf(PageParser.Unrecognised.class, parser.parse("<html>nothing here</html>", ID));
        assertInstanceOf(PageParser.Unrecognised.class, parser.parse(universal("{broken"), ID));
    }

    @Test
    void theBotChallengeIsSolvedAndAnsweredInItsCookie() throws Exception {
        byte[] salt = "salty".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(salt);
        sha.update("4321".getBytes(StandardCharsets.US_ASCII));
        String json = "{\"v\":{\"a\":\"" + Base64.getEncoder().encodeToString(salt) + "\",\"c\":\""
                + Base64.getEncoder().encodeToString(sha.digest()) + "\"},\"s\":\"x\"}";
        String encoded = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        String html = "<html><div id=\"wci\" class=\"_wafchallengeid\"></div><div id=\"cs\" class=\"" + encoded + "\"></div></html>";
        PageParser.ChallengePage page = assertInstanceOf(PageParser.ChallengePage.class, parser.parse(html, ID));
        assertEquals("_wafchallengeid", page.cookieName());
        String cookie = new BotChallenge(mapper, 1_000_000).solve(page.encodedChallenge()).orElseThrow();
        String answer = mapper.readTree(Base64.getDecoder().decode(cookie)).path("v").path("d").asText();
        assertEquals("4321", new String(Base64.getDecoder().decode(answer), StandardCharsets.US_ASCII));
        assertTrue(new BotChallenge(mapper, 1000).solve(page.encodedChallenge()).isEmpty(), "answers beyond the limit are not searched");
        assertTrue(new BotChallenge(mapper, 1000).solve("not base64!").isEmpty());
    }
}

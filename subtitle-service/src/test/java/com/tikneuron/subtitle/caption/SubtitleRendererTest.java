package com.tikneuron.subtitle.caption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class SubtitleRendererTest {

    private final SubtitleRenderer renderer = new SubtitleRenderer(new ObjectMapper());

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final String ROLLING = "\uFEFFWEBVTT\r\n\r\n"
            + "1\r\n00:00:00.120 --> 00:00:02.040\r\nHello everyone\r\n\r\n"
            + "2\r\n00:00:02.040 --> 00:00:04.500\r\nHello everyone welcome back to my channel\r\n\r\n"
            + "3\r\n00:00:04.500 --> 00:00:06.000\r\nwelcome back to my channel\r\n\r\n"
            + "4\r\n00:00:06.000 --> 00:00:08.250\r\nto my channel, today we cook\r\n\r\n"
            + "5\r\n00:00:08.250 --> 00:00:08.250\r\n\r\n";

    @Test
    void rawIsTheTrackByteForByte() {
        byte[] raw = bytes(ROLLING);
        assertArrayEquals(raw, renderer.render(raw, "webvtt", SubtitleFormat.RAW).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rollingCuesAreReducedToTheirNewWords() {
        assertEquals("Hello everyone welcome back to my channel, today we cook",
                renderer.render(bytes(ROLLING), "webvtt", SubtitleFormat.TXT));
    }

    @Test
    void srtNumbersCuesWithCommaMillisecondsAndDropsEmptyAndRepeatedCues() {
        assertEquals("1\n00:00:00,120 --> 00:00:02,040\nHello everyone\n\n"
                        + "2\n00:00:02,040 --> 00:00:06,000\nwelcome back to my channel,\n\n"
                        + "3\n00:00:06,000 --> 00:00:08,250\ntoday we cook",
                renderer.render(bytes(ROLLING), "webvtt", SubtitleFormat.SRT));
    }

    @Test
    void vttIsNormalisedWithoutBomOrCrlf() {
        String vtt = renderer.render(bytes(ROLLING), "webvtt", SubtitleFormat.VTT);
        assertTrue(vtt.startsWith("WEBVTT\n\n00:00:00.120 --> 00:00:02.040\nHello everyone\n\n"), vtt);
        assertTrue(!vtt.contains("\r") && !vtt.contains("\uFEFF"));
        assertEquals(3, WebVttParser.parse(vtt).size());
    }

    @Test
    void entitiesAndMarkupSpansAreDecodedAndStripped() {
        String track = "WEBVTT\n\n00:00.000 --> 00:01.500 align:start position:10%\n"
                + "<c.yellow>Salt</c> &amp; pepper &lt;3 &quot;yes&quot; &#39;ok&#39; &#x1F600; caf&eacute;&nbsp;x\n"
                + "<v Speaker>second line</v> <00:00:01.000><b>bold</b>\n";
        List<Cue> cues = renderer.cues(bytes(track), "webvtt");
        assertEquals(1, cues.size());
        assertEquals("Salt & pepper <3 \"yes\" 'ok' \uD83D\uDE00 caf&eacute; x\nsecond line bold", cues.get(0).text());
        assertEquals(1.5, cues.get(0).end());
    }

    @Test
    void hoursAboveZeroSurviveEveryFormat() {
        String track = "WEBVTT\n\n01:02:03.456 --> 10:00:00.001\nlate words\n\n"
                + "00:59:59.999 --> 01:00:00.000\nearlier words\n";
        assertEquals("1\n00:59:59,999 --> 01:00:00,000\nearlier words\n\n2\n01:02:03,456 --> 10:00:00,001\nlate words",
                renderer.render(bytes(track), "webvtt", SubtitleFormat.SRT));
        assertTrue(renderer.render(bytes(track), "webvtt", SubtitleFormat.VTT).contains("01:02:03.456 --> 10:00:00.001"));
    }

    @Test
    void overlappingInvertedAndGarbageCuesAreTolerated() {
        String track = "WEBVTT\n\nNOTE a comment --> with an arrow\n\n"
                + "00:00:05.000 --> 00:00:03.000\ninverted end\n\n"
                + "00:00:01.000 --> 00:00:06.000\noverlaps the next\n\n"
                + "garbage --> line\nignored\n\n"
                + "00:00:02,000 --> 00:00:04,000\ncomma marks\n";
        List<Cue> cues = renderer.cues(bytes(track), "webvtt");
        assertEquals(List.of("overlaps the next", "comma marks", "inverted end"), cues.stream().map(Cue::text).toList());
        assertEquals(5.0, cues.get(2).end(), "an end before the start is clamped to the start");
    }

    @Test
    void anEmptyOrHeaderOnlyTrackHasNoCues() {
        assertEquals(List.of(), renderer.cues(bytes("WEBVTT\n\n"), "webvtt"));
        assertEquals("", renderer.render(bytes(""), "webvtt", SubtitleFormat.TXT));
        assertEquals("WEBVTT\n\n", renderer.render(bytes("WEBVTT"), "webvtt", SubtitleFormat.VTT));
    }

    @Test
    void creatorCaptionJsonBecomesCues() {
        String json = "{\"version\":\"1\",\"utterances\":["
                + "{\"start_time\":2300,\"end_time\":6100,\"text\":\"second &amp; last\"},"
                + "{\"start_time\":0,\"end_time\":2300,\"text\":\"first\"},"
                + "{\"start_time\":\"bad\",\"end_time\":1,\"text\":\"skipped\"},"
                + "{\"start_time\":7000,\"end_time\":8000,\"text\":\"   \"}]}";
        assertEquals("1\n00:00:00,000 --> 00:00:02,300\nfirst\n\n2\n00:00:02,300 --> 00:00:06,100\nsecond & last",
                renderer.render(bytes(json), "creator_caption", SubtitleFormat.SRT));
        assertEquals("first second & last", renderer.render(bytes(json), "creator_caption", SubtitleFormat.TXT));
    }

    @Test
    void unreadableCreatorCaptionJsonHasNoCues() {
        assertEquals(List.of(), renderer.cues(bytes("{not json"), "creator_caption"));
        assertEquals(List.of(), renderer.cues(bytes("{\"utterances\":{}}"), "creator_caption"));
    }

    @Test
    void aSingleRepeatedWordIsNotMistakenForRolling() {
        String track = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nsay no\n\n00:00:01.000 --> 00:00:02.000\nno way\n";
        assertEquals("say no no way", renderer.render(bytes(track), "webvtt", SubtitleFormat.TXT));
    }

    @Test
    void ourOwnSubtitleIsItsFieldsAsJsonInRawAndItsCuesInTheOtherFormats() {
        ObjectMapper mapper = new ObjectMapper();
        List<Cue> cues = List.of(new Cue(0.5, 1.25, "made here"));
        Supplier<List<Cue>> noCues = () -> {
            throw new AssertionError("raw needs no cues");
        };
        Supplier<Map<String, Object>> noRaw = () -> {
            throw new AssertionError("cue formats need no raw form");
        };

        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("source", "generated");
        raw.put("text", "made here");

        assertEquals("{\"source\":\"generated\",\"text\":\"made here\"}",
                SubtitleRenderer.render(mapper, SubtitleFormat.RAW, () -> raw, noCues));
        assertEquals("1\n00:00:00,500 --> 00:00:01,250\nmade here",
                SubtitleRenderer.render(mapper, SubtitleFormat.SRT, noRaw, () -> cues));
        assertEquals("WEBVTT\n\n00:00:00.500 --> 00:00:01.250\nmade here\n",
                SubtitleRenderer.render(mapper, SubtitleFormat.VTT, noRaw, () -> cues));
        assertEquals("made here", SubtitleRenderer.render(mapper, SubtitleFormat.TXT, noRaw, () -> cues));
    }
}

package com.tikneuron.subtitle.caption;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Pure conversions from a stored track (TikTok's bytes and format) to the public formats. */
public final class SubtitleRenderer {

    private final ObjectMapper mapper;

    public SubtitleRenderer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The normalised cues of a track: parsed, cleaned, sorted, rolling repetitions removed. */
    public List<Cue> cues(byte[] content, String trackFormat) {
        List<Cue> parsed = "creator_caption".equals(trackFormat)
                ? CreatorCaptionParser.parse(mapper, content)
                : WebVttParser.parse(new String(content, StandardCharsets.UTF_8));
        return RollingCues.collapse(parsed);
    }

    public String render(byte[] content, String trackFormat, SubtitleFormat format) {
        return switch (format) {
            case RAW -> new String(content, StandardCharsets.UTF_8);
            case VTT -> vtt(cues(content, trackFormat));
            case SRT -> srt(cues(content, trackFormat));
            case TXT -> text(cues(content, trackFormat));
        };
    }

    public static String vtt(List<Cue> cues) {
        return cues.stream()
                .map(c -> Timestamps.vtt(c.start()) + " --> " + Timestamps.vtt(c.end()) + "\n" + c.text())
                .collect(Collectors.joining("\n\n", "WEBVTT\n\n", cues.isEmpty() ? "" : "\n"));
    }

    public static String srt(List<Cue> cues) {
        return IntStream.range(0, cues.size())
                .mapToObj(i -> (i + 1) + "\n" + Timestamps.srt(cues.get(i).start()) + " --> "
                        + Timestamps.srt(cues.get(i).end()) + "\n" + cues.get(i).text())
                .collect(Collectors.joining("\n\n"));
    }

    public static String text(List<Cue> cues) {
        return cues.stream().map(c -> c.text().replace('\n', ' ')).collect(Collectors.joining(" ")).strip();
    }
}

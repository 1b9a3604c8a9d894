package com.tikneuron.subtitle.caption;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
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
        if (format == SubtitleFormat.RAW) {
            return new String(content, StandardCharsets.UTF_8);
        }
        return cuesAs(format, cues(content, trackFormat));
    }

    /**
     * A subtitle we made ourselves (a generated transcript, an on-screen reading) in the format asked: raw is its own
     * fields as JSON (docs/SUBTITLES.md), the other formats its cues. Only what the format needs is made.
     */
    public static String render(ObjectMapper mapper, SubtitleFormat format, Supplier<Map<String, Object>> raw,
            Supplier<List<Cue>> cues) {
        if (format != SubtitleFormat.RAW) {
            return cuesAs(format, cues.get());
        }
        try {
            return mapper.writeValueAsString(raw.get());
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a subtitle of our own could not be written as JSON", impossible);
        }
    }

    private static String cuesAs(SubtitleFormat format, List<Cue> cues) {
        return switch (format) {
            case VTT -> vtt(cues);
            case SRT -> srt(cues);
            case TXT -> text(cues);
            case RAW -> throw new IllegalArgumentException("raw is a source's own form, not cues");
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

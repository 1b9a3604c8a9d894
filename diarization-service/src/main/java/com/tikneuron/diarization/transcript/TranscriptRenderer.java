package com.tikneuron.diarization.transcript;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.engine.Segment;

/** Renders stored speaker turns in each public format; every format comes from the same segments. */
@ApplicationScoped
public class TranscriptRenderer {

    private final ObjectMapper mapper;

    public TranscriptRenderer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String render(List<Segment> segments, TranscriptFormat format) {
        return switch (format) {
            case RAW -> json(segments);
            case SRT -> srt(segments);
            case VTT -> vtt(segments);
            case TXT -> txt(segments);
        };
    }

    private String json(List<Segment> segments) {
        try {
            return mapper.writeValueAsString(segments);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static String srt(List<Segment> segments) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (i > 0) {
                out.append("\n\n");
            }
            out.append(i + 1).append('\n')
                    .append(time(segment.start(), ',')).append(" --> ").append(time(segment.end(), ',')).append('\n')
                    .append(segment.speaker()).append(": ").append(segment.text());
        }
        return out.toString();
    }

    static String vtt(List<Segment> segments) {
        StringBuilder out = new StringBuilder("WEBVTT");
        for (Segment segment : segments) {
            out.append("\n\n")
                    .append(time(segment.start(), '.')).append(" --> ").append(time(segment.end(), '.')).append('\n')
                    .append("<v ").append(segment.speaker()).append('>').append(escapeVtt(segment.text()));
        }
        return out.toString();
    }

    static String txt(List<Segment> segments) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(segment.speaker()).append(": ").append(segment.text());
        }
        return out.toString();
    }

    private static String escapeVtt(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String time(double seconds, char separator) {
        long millis = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, separator, millis % 1000);
    }
}

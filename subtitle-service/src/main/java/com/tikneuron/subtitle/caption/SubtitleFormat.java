package com.tikneuron.subtitle.caption;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The formats of the public API; the order is the one {@code available_formats} lists. */
public enum SubtitleFormat {
    RAW, SRT, VTT, TXT;

    public static final List<String> NAMES = List.of("raw", "srt", "vtt", "txt");

    public static Optional<SubtitleFormat> of(String name) {
        if (name == null) {
            return Optional.of(RAW);
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "raw" -> Optional.of(RAW);
            case "srt" -> Optional.of(SRT);
            case "vtt" -> Optional.of(VTT);
            case "txt" -> Optional.of(TXT);
            default -> Optional.empty();
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package com.tikneuron.diarization.transcript;

import java.util.List;
import java.util.Optional;

/** The public formats of a diarized transcript. */
public enum TranscriptFormat {
    RAW, SRT, VTT, TXT;

    public static final List<String> NAMES = List.of("raw", "srt", "vtt", "txt");

    public static Optional<TranscriptFormat> fromWire(String name) {
        return switch (name) {
            case "raw" -> Optional.of(RAW);
            case "srt" -> Optional.of(SRT);
            case "vtt" -> Optional.of(VTT);
            case "txt" -> Optional.of(TXT);
            default -> Optional.empty();
        };
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package com.tikneuron.diarization.transcript;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The public formats of a diarized transcript, in the order {@code available_formats} lists them. */
public enum TranscriptFormat {
    RAW, SRT, VTT, TXT;

    public static final List<String> NAMES = Arrays.stream(values()).map(TranscriptFormat::wireName).toList();

    /** The format of a wire name, which is case-sensitive: "SRT" is no format. */
    public static Optional<TranscriptFormat> fromWire(String name) {
        return Arrays.stream(values()).filter(format -> format.wireName().equals(name)).findFirst();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

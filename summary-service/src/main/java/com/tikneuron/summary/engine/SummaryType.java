package com.tikneuron.summary.engine;

import java.util.Arrays;
import java.util.Optional;

/** The shapes a summary comes in; the wire name is what clients send as summary_type. */
public enum SummaryType {
    BULLETPOINT("bulletpoint"),
    TEXTUAL("textual"),
    STRUCTURED("structured");

    private final String wireName;

    SummaryType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<SummaryType> fromWire(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}

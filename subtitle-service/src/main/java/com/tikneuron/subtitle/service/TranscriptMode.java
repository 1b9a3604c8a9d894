package com.tikneuron.subtitle.service;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a request's words may come from: TikTok's tracks only ({@code native}, the default), our speech recognition
 * ({@code generate}), or TikTok's track when there is one and our recognition otherwise ({@code auto}).
 */
public enum TranscriptMode {
    NATIVE, GENERATE, AUTO;

    public static final String MESSAGE = "Mode must be one of: native, generate, auto.";

    /** The mode a request names; absent means {@code native}, an unknown name is empty. */
    public static Optional<TranscriptMode> of(String name) {
        if (name == null) {
            return Optional.of(NATIVE);
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "native" -> Optional.of(NATIVE);
            case "generate" -> Optional.of(GENERATE);
            case "auto" -> Optional.of(AUTO);
            default -> Optional.empty();
        };
    }
}

package com.tikneuron.summary.service;

import java.util.Optional;

/**
 * Where a summary's transcript may come from: TikTok's tracks only ({@code native}, the default), our speech
 * recognition ({@code generate}), or TikTok's track when there is one and our recognition otherwise ({@code auto}).
 */
public enum TranscriptMode {
    NATIVE, GENERATE, AUTO;

    public static final String MESSAGE = "Mode must be one of: native, generate, auto.";

    /** The mode a request names; absent means {@code native}, anything unknown is empty. */
    public static Optional<TranscriptMode> of(Object name) {
        if (name == null) {
            return Optional.of(NATIVE);
        }
        if (!(name instanceof String text)) {
            return Optional.empty();
        }
        return switch (text) {
            case "native" -> Optional.of(NATIVE);
            case "generate" -> Optional.of(GENERATE);
            case "auto" -> Optional.of(AUTO);
            default -> Optional.empty();
        };
    }
}

package com.tikneuron.subtitle.service;

import java.util.List;

/** A subtitle answer plus what it cost; {@code creditsRemaining} is known only when a hold was made. */
public record SubtitleResult(String videoId, String content, String format, boolean cached, String language, String source,
        List<String> availableLanguages, int creditsCharged, Integer creditsRemaining) {
}

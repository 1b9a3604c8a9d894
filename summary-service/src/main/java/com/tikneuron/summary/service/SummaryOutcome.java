package com.tikneuron.summary.service;

import com.tikneuron.summary.engine.SummaryType;

/** A summary as answered to one caller, with what it cost them. */
public record SummaryOutcome(String videoId, String summary, SummaryType type, String language, boolean cached,
        int creditsCharged, Integer creditsRemaining) {
}

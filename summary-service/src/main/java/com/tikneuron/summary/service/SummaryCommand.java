package com.tikneuron.summary.service;

import com.tikneuron.paid.Caller;
import com.tikneuron.summary.engine.SummaryType;

/** A validated summarize request; {@code mode} says where its transcript may come from. */
public record SummaryCommand(String url, SummaryType type, String language, TranscriptMode mode, Caller caller) {
}

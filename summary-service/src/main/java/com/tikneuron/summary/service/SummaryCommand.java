package com.tikneuron.summary.service;

import com.tikneuron.paid.Caller;
import com.tikneuron.summary.engine.SummaryType;

/** A validated summarize request. */
public record SummaryCommand(String url, SummaryType type, String language, Caller caller) {
}

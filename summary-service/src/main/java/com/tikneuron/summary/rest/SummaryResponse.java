package com.tikneuron.summary.rest;

/** The public success body; {@code summary} is text, or a JSON object for summary_type "structured". */
public record SummaryResponse(String videoId, Object summary, String summaryType, String language, boolean cached) {
}

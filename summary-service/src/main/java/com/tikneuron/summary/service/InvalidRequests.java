package com.tikneuron.summary.service;

import com.tikneuron.paid.Caller;
import com.tikneuron.paid.InvalidRequestException;
import com.tikneuron.paid.video.VideoResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.tikneuron.summary.engine.Languages;
import com.tikneuron.summary.engine.SummaryType;

/** The public contract's validation messages, field by field. */
public final class InvalidRequests {

    public static final String URL = VideoResolver.INVALID_URL;
    public static final String SUMMARY_TYPE = "Summary type must be one of: bulletpoint, textual, structured.";
    public static final String LANGUAGE = "Language must be one of: " + String.join(", ", Languages.PUBLIC) + ".";
    public static final String BODY = "The request body must be a JSON object.";
    private static final int MAX_URL_LENGTH = 2048;

    private InvalidRequests() {
    }

    /** Checks the four fields, filling the contract's defaults; fails with every problem found at once. */
    public static SummaryCommand validate(Object url, Object summaryType, Object language, Object mode, Caller caller) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (!(url instanceof String text) || text.isBlank() || text.length() > MAX_URL_LENGTH) {
            errors.put("url", List.of(URL));
        }
        Object typeName = summaryType == null ? SummaryType.BULLETPOINT.wireName() : summaryType;
        SummaryType type = typeName instanceof String name ? SummaryType.fromWire(name).orElse(null) : null;
        if (type == null) {
            errors.put("summary_type", List.of(SUMMARY_TYPE));
        }
        Object code = language == null ? "en" : language;
        if (!(code instanceof String name) || !Languages.isPublic(name)) {
            errors.put("language", List.of(LANGUAGE));
        }
        TranscriptMode transcriptMode = TranscriptMode.of(mode).orElse(null);
        if (transcriptMode == null) {
            errors.put("mode", List.of(TranscriptMode.MESSAGE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new SummaryCommand(((String) url).strip(), type, (String) code, transcriptMode, caller);
    }
}

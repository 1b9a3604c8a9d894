package com.tikneuron.gateway.service;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The diarization request's optional speaker-count hints, checked as diarization-service checks them (same messages):
 * {@code speakers}, or {@code min_speakers} and/or {@code max_speakers}, whole numbers from 1 to {@value #LIMIT},
 * the minimum not above the maximum. Absent hints are not filled in: no hint is a request of its own.
 */
final class SpeakerHints {

    static final int LIMIT = 20;
    static final String SPEAKERS = "speakers";
    static final String MIN_SPEAKERS = "min_speakers";
    static final String MAX_SPEAKERS = "max_speakers";
    static final String SPEAKERS_INVALID = "Speakers must be a whole number from 1 to " + LIMIT + ".";
    static final String MIN_INVALID = "Min speakers must be a whole number from 1 to " + LIMIT + ".";
    static final String MAX_INVALID = "Max speakers must be a whole number from 1 to " + LIMIT + ".";
    static final String BOTH = "Give either speakers or min_speakers and max_speakers, not both.";
    static final String MIN_OVER_MAX = "Min speakers must not be more than max speakers.";

    private SpeakerHints() {
    }

    /** Adds an error per failing hint to {@code errors}, after those of the fields checked before. */
    static void check(ObjectNode request, Map<String, List<String>> errors) {
        JsonNode exact = present(request.get(SPEAKERS));
        JsonNode min = present(request.get(MIN_SPEAKERS));
        JsonNode max = present(request.get(MAX_SPEAKERS));
        boolean exactValid = valid(exact, SPEAKERS, SPEAKERS_INVALID, errors);
        boolean minValid = valid(min, MIN_SPEAKERS, MIN_INVALID, errors);
        boolean maxValid = valid(max, MAX_SPEAKERS, MAX_INVALID, errors);
        if (exact != null && (min != null || max != null)) {
            errors.putIfAbsent(SPEAKERS, List.of(BOTH));
        } else if (min != null && max != null && minValid && maxValid && min.intValue() > max.intValue()) {
            errors.put(MIN_SPEAKERS, List.of(MIN_OVER_MAX));
        }
    }

    private static JsonNode present(JsonNode value) {
        return value == null || value.isNull() ? null : value;
    }

    private static boolean valid(JsonNode value, String field, String message, Map<String, List<String>> errors) {
        if (value == null) {
            return true;
        }
        if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 1 && value.intValue() <= LIMIT) {
            return true;
        }
        errors.put(field, List.of(message));
        return false;
    }
}

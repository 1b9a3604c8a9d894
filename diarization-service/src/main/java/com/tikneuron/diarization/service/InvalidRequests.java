package com.tikneuron.diarization.service;

import com.tikneuron.paid.Caller;
import com.tikneuron.paid.InvalidRequestException;
import com.tikneuron.paid.video.VideoResolver;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.tikneuron.diarization.engine.SpeakerHints;
import com.tikneuron.diarization.transcript.TranscriptFormat;

/** The public contract's validation messages, field by field. */
public final class InvalidRequests {

    public static final String URL = VideoResolver.INVALID_URL;
    public static final String FORMAT = "Format must be one of: raw, srt, vtt, txt.";
    public static final String BODY = "The request body must be a JSON object.";
    public static final String SPEAKERS = "Speakers must be a whole number from 1 to " + SpeakerHints.LIMIT + ".";
    public static final String MIN_SPEAKERS = "Min speakers must be a whole number from 1 to " + SpeakerHints.LIMIT + ".";
    public static final String MAX_SPEAKERS = "Max speakers must be a whole number from 1 to " + SpeakerHints.LIMIT + ".";
    public static final String SPEAKERS_AND_BOUNDS = "Give either speakers or min_speakers and max_speakers, not both.";
    public static final String MIN_OVER_MAX = "Min speakers must not be more than max speakers.";
    private static final int MAX_URL_LENGTH = 2048;

    private InvalidRequests() {
    }

    /** An http(s) URL on tiktok.com or one of its subdomains; subtitle-service decides whether it is a video. */
    static boolean looksLikeTikTok(String url) {
        try {
            URI uri = new URI(url);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && (host.equals("tiktok.com") || host.endsWith(".tiktok.com"));
        } catch (URISyntaxException malformed) {
            return false;
        }
    }

    /** Checks the url and format, filling the contract's default format, without speaker hints. */
    public static DiarizationCommand validate(Object url, Object format, Caller caller) {
        return validate(url, format, null, null, null, caller);
    }

    /**
     * Checks every field, filling the contract's default format; the optional speaker hints are whole numbers from 1
     * to {@link SpeakerHints#LIMIT}, either {@code speakers} alone or {@code min_speakers} and/or {@code max_speakers}
     * (minimum not above maximum). Fails with every problem found at once.
     */
    public static DiarizationCommand validate(Object url, Object format, Object speakers, Object minSpeakers,
            Object maxSpeakers, Caller caller) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (!(url instanceof String text) || text.length() > MAX_URL_LENGTH || !looksLikeTikTok(text.strip())) {
            errors.put("url", List.of(URL));
        }
        Object name = format == null ? "raw" : format;
        TranscriptFormat parsed = name instanceof String wire ? TranscriptFormat.fromWire(wire).orElse(null) : null;
        if (parsed == null) {
            errors.put("format", List.of(FORMAT));
        }
        int exact = count(speakers, "speakers", SPEAKERS, errors);
        int min = count(minSpeakers, "min_speakers", MIN_SPEAKERS, errors);
        int max = count(maxSpeakers, "max_speakers", MAX_SPEAKERS, errors);
        if (speakers != null && (minSpeakers != null || maxSpeakers != null)) {
            errors.putIfAbsent("speakers", List.of(SPEAKERS_AND_BOUNDS));
        } else if (min > 0 && max > 0 && min > max) {
            errors.put("min_speakers", List.of(MIN_OVER_MAX));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        // Equal bounds are the same request as speakers = that number (the same record), with the same cache entry.
        SpeakerHints hints = exact > 0 ? SpeakerHints.exactly(exact) : new SpeakerHints(min, max);
        return new DiarizationCommand(((String) url).strip(), parsed, hints, caller);
    }

    /** An optional count: absent is 0; a whole JSON number from 1 to the limit is itself; anything else an error. */
    private static int count(Object value, String field, String message, Map<String, List<String>> errors) {
        if (value == null) {
            return 0;
        }
        if (value instanceof JsonNode number && number.isIntegralNumber() && number.canConvertToInt()
                && number.intValue() >= 1 && number.intValue() <= SpeakerHints.LIMIT) {
            return number.intValue();
        }
        errors.put(field, List.of(message));
        return 0;
    }
}

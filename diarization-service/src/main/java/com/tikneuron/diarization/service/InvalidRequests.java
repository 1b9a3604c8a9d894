package com.tikneuron.diarization.service;

import com.tikneuron.paid.Caller;
import com.tikneuron.paid.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;

import com.tikneuron.diarization.transcript.TranscriptFormat;

/** The public contract's validation messages, field by field. */
public final class InvalidRequests {

    public static final String URL = "Please provide a valid TikTok URL.";
    public static final String FORMAT = "Format must be one of: raw, srt, vtt, txt.";
    public static final String BODY = "The request body must be a JSON object.";
    private static final int MAX_URL_LENGTH = 2048;

    private InvalidRequests() {
    }

    public static InvalidRequestException invalidUrl() {
        return new InvalidRequestException(Map.of("url", List.of(URL)));
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

    /** Checks both fields, filling the contract's default format; fails with every problem found at once. */
    public static DiarizationCommand validate(Object url, Object format, Caller caller) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (!(url instanceof String text) || text.length() > MAX_URL_LENGTH || !looksLikeTikTok(text.strip())) {
            errors.put("url", List.of(URL));
        }
        Object name = format == null ? "raw" : format;
        TranscriptFormat parsed = name instanceof String wire ? TranscriptFormat.fromWire(wire).orElse(null) : null;
        if (parsed == null) {
            errors.put("format", List.of(FORMAT));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new DiarizationCommand(((String) url).strip(), parsed, caller);
    }
}

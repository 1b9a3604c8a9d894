package com.tikneuron.summary.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The eight public language codes, their names for prompts, and how TikTok track languages map onto them. */
public final class Languages {

    public static final List<String> PUBLIC = List.of("en", "es", "id", "de", "fr", "da", "ar", "it");

    private static final Map<String, String> NAMES = Map.of("en", "English", "es", "Spanish", "id", "Indonesian",
            "de", "German", "fr", "French", "da", "Danish", "ar", "Arabic", "it", "Italian");

    // TikTok names tracks with ISO 639-2 codes and a region (eng-US, spa-ES); some clients use ISO 639-1 (en-US).
    // "in" is the withdrawn ISO 639-1 code of Indonesian that older Android builds still send.
    private static final Map<String, String> TRACK_PREFIXES = Map.ofEntries(
            Map.entry("eng", "en"), Map.entry("en", "en"),
            Map.entry("spa", "es"), Map.entry("es", "es"),
            Map.entry("ind", "id"), Map.entry("id", "id"), Map.entry("in", "id"),
            Map.entry("deu", "de"), Map.entry("ger", "de"), Map.entry("de", "de"),
            Map.entry("fra", "fr"), Map.entry("fre", "fr"), Map.entry("fr", "fr"),
            Map.entry("dan", "da"), Map.entry("da", "da"),
            Map.entry("ara", "ar"), Map.entry("ar", "ar"),
            Map.entry("ita", "it"), Map.entry("it", "it"));

    private Languages() {
    }

    public static boolean isPublic(String code) {
        return PUBLIC.contains(code);
    }

    /** English name of a public code, used in prompts ("Write in German"). */
    public static String name(String code) {
        return NAMES.getOrDefault(code, code);
    }

    /** The public code of a TikTok track language such as eng-US, or null when it is none of the eight. */
    public static String fromTrack(String track) {
        if (track == null || track.isBlank()) {
            return null;
        }
        String prefix = track.trim().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return TRACK_PREFIXES.get(prefix);
    }
}

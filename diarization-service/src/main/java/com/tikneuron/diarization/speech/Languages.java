package com.tikneuron.diarization.speech;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Language codes (ISO 639-1, as clients send them) and English names (as Whisper's verbose_json reports them). */
public final class Languages {

    private static final Map<String, String> CODE_BY_NAME = new HashMap<>();

    static {
        for (String code : Locale.getISOLanguages()) {
            String name = Locale.of(code).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT);
            CODE_BY_NAME.putIfAbsent(name, code);
        }
    }

    private Languages() {
    }

    /** The primary subtag of a tag such as "en-US", lower case; empty when it is not a two- or three-letter code. */
    public static Optional<String> code(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String primary = tag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return primary.matches("[a-z]{2,3}") ? Optional.of(primary) : Optional.empty();
    }

    /** A code from either a code ("en") or an English name ("english"); empty when it is neither. */
    public static Optional<String> fromCodeOrName(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String name = value.strip().toLowerCase(Locale.ROOT);
        String byName = CODE_BY_NAME.get(name);
        return byName != null ? Optional.of(byName) : code(value);
    }

    /** "Spanish" for "es"; the code itself when Java knows no name for it. */
    public static String name(String code) {
        String name = Locale.of(code).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() || name.equalsIgnoreCase(code) ? code : name;
    }
}

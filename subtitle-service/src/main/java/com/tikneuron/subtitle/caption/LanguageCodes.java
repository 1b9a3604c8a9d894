package com.tikneuron.subtitle.caption;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Matches a caller's language ({@code en}, {@code en-US}, {@code eng}, {@code eng-US}) against TikTok's track
 * names, which are ISO 639-2 (or 639-3) plus script and region: {@code eng-US}, {@code cmn-Hans-CN}.
 */
public final class LanguageCodes {

    /** What a caller may send as a language. */
    public static final Pattern VALID = Pattern.compile("^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,2}$");

    private static final Map<String, Set<String>> THREE_LETTER = Map.ofEntries(
            Map.entry("en", Set.of("eng")), Map.entry("es", Set.of("spa")), Map.entry("id", Set.of("ind")),
            Map.entry("de", Set.of("deu", "ger")), Map.entry("fr", Set.of("fra", "fre")), Map.entry("da", Set.of("dan")),
            Map.entry("ar", Set.of("ara", "arb")), Map.entry("it", Set.of("ita")), Map.entry("pt", Set.of("por")),
            Map.entry("zh", Set.of("zho", "chi", "cmn", "yue")), Map.entry("vi", Set.of("vie")), Map.entry("ja", Set.of("jpn")),
            Map.entry("ko", Set.of("kor")), Map.entry("ru", Set.of("rus")), Map.entry("tr", Set.of("tur")),
            Map.entry("nl", Set.of("nld", "dut")), Map.entry("pl", Set.of("pol")), Map.entry("hi", Set.of("hin")),
            Map.entry("th", Set.of("tha")), Map.entry("ms", Set.of("msa", "may", "zsm")), Map.entry("fil", Set.of("fil")),
            Map.entry("tl", Set.of("tgl", "fil")), Map.entry("uk", Set.of("ukr")), Map.entry("sv", Set.of("swe")),
            Map.entry("ro", Set.of("ron", "rum")), Map.entry("el", Set.of("ell", "gre")), Map.entry("he", Set.of("heb")),
            Map.entry("bn", Set.of("ben")), Map.entry("ur", Set.of("urd")), Map.entry("fa", Set.of("fas", "per")));

    private LanguageCodes() {
    }

    public static boolean matches(String requested, String trackLanguage) {
        if (requested == null || trackLanguage == null) {
            return false;
        }
        String[] want = requested.toLowerCase(Locale.ROOT).replace('_', '-').split("-");
        String[] have = trackLanguage.toLowerCase(Locale.ROOT).replace('_', '-').split("-");
        boolean sameLanguage = want[0].equals(have[0]) || THREE_LETTER.getOrDefault(want[0], Set.of()).contains(have[0])
                || THREE_LETTER.getOrDefault(have[0], Set.of()).contains(want[0]);
        if (!sameLanguage) {
            return false;
        }
        // A region (or script) the caller names must be there too; a bare language takes any region.
        for (int i = 1; i < want.length; i++) {
            boolean found = false;
            for (int j = 1; j < have.length && !found; j++) {
                found = want[i].equals(have[j]);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /**
     * The hint a speech engine takes for a caller's language: its ISO 639-1 code ({@code eng-US} → {@code en}), or
     * its primary subtag when no two-letter code is known; null for none.
     */
    public static String speechHint(String requested) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        String primary = requested.strip().toLowerCase(Locale.ROOT).replace('_', '-').split("-")[0];
        if (primary.length() == 2) {
            return primary;
        }
        return THREE_LETTER.entrySet().stream().filter(entry -> entry.getKey().length() == 2
                        && entry.getValue().contains(primary)).map(Map.Entry::getKey).sorted().findFirst().orElse(primary);
    }
}

package com.tikneuron.diarization.ocr;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of the eight supported languages a text read off the screen is in, and the matching Tesseract pack. Arabic
 * by its script; the Latin-script languages by their most frequent short words (the text was first read with the
 * English pack, which drops accents, so the lists carry unaccented forms too). A text without two such words has no
 * language we can tell.
 */
public final class TextLanguages {

    /** ISO 639-1 code → Tesseract language pack. */
    public static final Map<String, String> TESSERACT = Map.of("en", "eng", "es", "spa", "id", "ind", "de", "deu",
            "fr", "fra", "da", "dan", "ar", "ara", "it", "ita");

    private static final Map<String, Set<String>> FUNCTION_WORDS = Map.of(
            "en", Set.of("the", "and", "to", "of", "in", "is", "you", "for", "on", "with", "your", "it", "this", "my",
                    "at", "then", "them", "are", "how", "what"),
            "es", Set.of("el", "los", "las", "que", "y", "un", "una", "con", "por", "para", "es", "mi", "del", "al",
                    "se", "como", "muy", "pero", "más", "mas"),
            "de", Set.of("der", "die", "das", "und", "ist", "nicht", "ein", "eine", "mit", "für", "fur", "den", "dem",
                    "zu", "auf", "ich", "sie", "im", "auch", "wie"),
            "fr", Set.of("le", "les", "et", "une", "des", "du", "est", "pour", "avec", "dans", "sur", "pas", "je",
                    "vous", "ce", "au", "qui", "mais", "très", "tres"),
            "it", Set.of("il", "lo", "gli", "di", "che", "per", "non", "è", "della", "sono", "ma", "anche", "questo",
                    "come", "molto", "alla", "nel", "ti", "mi", "ho"),
            "id", Set.of("yang", "dan", "ke", "dari", "ini", "itu", "untuk", "dengan", "tidak", "ada", "aku", "kamu",
                    "saya", "akan", "juga", "bisa", "cara", "jangan", "sudah", "kita"),
            "da", Set.of("og", "at", "det", "til", "er", "på", "pa", "med", "af", "ikke", "jeg", "som", "har", "vi",
                    "hvordan", "nu", "min", "mit", "så", "sa"));

    private TextLanguages() {
    }

    /** True when most letters of the text are Arabic. */
    public static boolean isArabic(String text) {
        long letters = text.codePoints().filter(Character::isLetter).count();
        long arabic = text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC).count();
        return letters > 0 && arabic * 2 > letters;
    }

    /** The language of a text: "ar" by script, otherwise the language with most function words (at least two). */
    public static Optional<String> detect(String text) {
        if (isArabic(text)) {
            return Optional.of("ar");
        }
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        Map<String, Integer> hits = new java.util.HashMap<>();
        for (String token : normalised.split("[^\\p{L}]+")) {
            FUNCTION_WORDS.forEach((language, words) -> {
                if (words.contains(token)) {
                    hits.merge(language, 1, Integer::sum);
                }
            });
        }
        // Ties go to English, then alphabetically, so the answer never depends on map order.
        return hits.entrySet().stream()
                .filter(entry -> entry.getValue() >= 2)
                .max(java.util.Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(entry -> entry.getKey().equals("en"))
                        .thenComparing(Map.Entry::getKey, java.util.Comparator.reverseOrder()))
                .map(Map.Entry::getKey);
    }
}

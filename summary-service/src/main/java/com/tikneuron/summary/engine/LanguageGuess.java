package com.tikneuron.summary.engine;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells when a model's answer is plainly in another language than the one asked for, a common slip of small
 * models summarising a transcript in another language. Only clear cases count: the script is wrong, or the text
 * has none of the requested language's common words and several of another's.
 */
final class LanguageGuess {

    private static final Pattern NON_LETTERS = Pattern.compile("[^\\p{L}']+");
    // Shorter answers give too few common words to judge.
    private static final int MIN_WORDS = 12;
    private static final int CLEAR_HITS = 3;

    private LanguageGuess() {
    }

    /** The problem found, for the model's second chance; empty when the text may well be in {@code expected}. */
    static Optional<String> mismatch(String text, String expected) {
        long arabic = text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC).count();
        long latin = text.codePoints()
                .filter(c -> Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN).count();
        if ("ar".equals(expected)) {
            return arabic >= latin ? Optional.empty() : Optional.of("it was not written in Arabic");
        }
        if (arabic > latin) {
            return Optional.of("it was written in Arabic, not in " + Languages.name(expected));
        }
        List<String> words = List.of(NON_LETTERS.split(text.toLowerCase(Locale.ROOT))).stream()
                .filter(word -> !word.isBlank()).toList();
        if (words.size() < MIN_WORDS || !StopWords.languages().contains(expected)
                || StopWords.distinctiveHits(words, expected) > 0) {
            return Optional.empty();
        }
        String likeliest = null;
        long most = 0;
        for (String language : StopWords.languages()) {
            long hits = language.equals(expected) ? 0 : StopWords.distinctiveHits(words, language);
            if (hits > most) {
                most = hits;
                likeliest = language;
            }
        }
        return most >= CLEAR_HITS
                ? Optional.of("it was written in " + Languages.name(likeliest) + ", not in " + Languages.name(expected))
                : Optional.empty();
    }
}

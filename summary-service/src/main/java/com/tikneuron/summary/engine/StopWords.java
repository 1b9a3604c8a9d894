package com.tikneuron.summary.engine;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Very common words of the public languages written in Latin script: ignored when sentences are compared, and
 * counted to tell which language a text is written in. Arabic is recognised by its script instead.
 */
final class StopWords {

    private static final Map<String, Set<String>> BY_LANGUAGE = Map.of(
            "en", Set.of("the", "and", "for", "are", "but", "not", "you", "your", "all", "can", "her", "was", "one",
                    "our", "out", "his", "has", "had", "how", "its", "who", "did", "get", "got", "this", "that", "with",
                    "have", "from", "they", "will", "what", "when", "just", "like", "about", "there", "their", "then",
                    "them", "were", "been", "into", "more", "some", "very", "really", "gonna", "yeah", "okay", "is",
                    "of", "to", "in", "it", "on", "a", "an"),
            "es", Set.of("que", "los", "las", "del", "por", "con", "una", "para", "como", "pero", "sus", "este",
                    "esta", "muy", "más", "mas", "porque", "cuando", "también", "todo", "eso", "esto", "el", "la", "y",
                    "en", "es", "se", "un"),
            "id", Set.of("yang", "dan", "ini", "itu", "untuk", "dengan", "tidak", "ada", "dari", "akan", "juga",
                    "saya", "kita", "kamu", "aku", "bisa", "sudah", "karena", "di", "ke"),
            "de", Set.of("der", "die", "das", "und", "ist", "nicht", "ein", "eine", "ich", "sie", "mit", "den", "dem",
                    "auf", "für", "auch", "sich", "aber", "wie", "noch", "oder", "wenn", "dann", "mal", "zu", "im",
                    "wird", "werden"),
            "fr", Set.of("les", "des", "est", "une", "pour", "pas", "qui", "dans", "sur", "avec", "vous", "nous",
                    "mais", "ont", "son", "ses", "ces", "aux", "tout", "très", "parce", "comme", "le", "et", "du", "un"),
            "da", Set.of("og", "det", "der", "som", "til", "jeg", "med", "ikke", "har", "var", "den", "for", "af",
                    "men", "kan", "vil", "skal", "også", "bare", "er", "en", "et", "på"),
            "it", Set.of("che", "non", "per", "con", "una", "del", "della", "sono", "come", "anche", "questo",
                    "questa", "molto", "perché", "nel", "alla", "gli", "il", "di", "e", "un", "la"));

    // The Arabic particles are ignored in comparisons only; Arabic is never told apart by word counts.
    private static final Set<String> ARABIC = Set.of("في", "من", "على", "إلى", "الى", "عن", "هذا", "هذه", "التي",
            "الذي", "ذلك", "كان", "لا", "ما");

    private StopWords() {
    }

    static boolean contains(String word) {
        return ARABIC.contains(word) || BY_LANGUAGE.values().stream().anyMatch(words -> words.contains(word));
    }

    /** Latin-script languages with a stop word list. */
    static Set<String> languages() {
        return BY_LANGUAGE.keySet();
    }

    /** How many of the words are stop words of the language and of no other listed language. */
    static long distinctiveHits(Collection<String> words, String language) {
        Set<String> own = BY_LANGUAGE.get(language);
        return words.stream()
                .filter(own::contains)
                .filter(word -> BY_LANGUAGE.entrySet().stream()
                        .noneMatch(other -> !other.getKey().equals(language) && other.getValue().contains(word)))
                .count();
    }
}

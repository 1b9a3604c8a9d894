package com.tikneuron.summary.engine;

import java.util.List;
import java.util.Set;

/** Very common words of the eight public languages, ignored when sentences are compared. */
final class StopWords {

    // Languages share some words (der, for, con…): the list may repeat them, the set keeps one.
    private static final Set<String> WORDS = Set.copyOf(List.of(
            // en
            "the", "and", "for", "are", "but", "not", "you", "your", "all", "can", "her", "was", "one", "our", "out",
            "his", "has", "had", "how", "its", "who", "did", "get", "got", "this", "that", "with", "have", "from",
            "they", "will", "what", "when", "just", "like", "so", "about", "there", "their", "then", "them", "were",
            "been", "into", "more", "some", "very", "really", "gonna", "yeah", "okay",
            // es
            "que", "los", "las", "del", "por", "con", "una", "para", "como", "pero", "sus", "este", "esta", "muy",
            "más", "mas", "porque", "cuando", "también", "todo", "eso", "esto",
            // id
            "yang", "dan", "ini", "itu", "untuk", "dengan", "tidak", "ada", "dari", "akan", "juga", "saya", "kita",
            "kamu", "aku", "bisa", "sudah", "karena",
            // de
            "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "ich", "sie", "mit", "den", "dem", "auf",
            "für", "auch", "sich", "aber", "wie", "noch", "oder", "wenn", "dann", "mal",
            // fr
            "les", "des", "est", "une", "pour", "pas", "qui", "dans", "sur", "avec", "vous", "nous", "mais", "ont",
            "son", "ses", "ces", "aux", "tout", "très", "parce", "comme",
            // da
            "og", "det", "der", "som", "til", "jeg", "med", "ikke", "har", "var", "den", "for", "af", "men", "kan",
            "vil", "skal", "også", "bare",
            // ar
            "في", "من", "على", "إلى", "الى", "عن", "هذا", "هذه", "التي", "الذي", "ذلك", "كان", "لا", "ما",
            // it
            "che", "non", "per", "con", "una", "del", "della", "sono", "come", "anche", "questo", "questa", "molto",
            "perché", "nel", "alla", "gli"));

    private StopWords() {
    }

    static boolean contains(String word) {
        return WORDS.contains(word);
    }
}

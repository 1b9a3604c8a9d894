package com.tikneuron.subtitle.caption;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Undoes "rolling" speech-recognition cues, where each cue repeats the end of the previous one and adds words:
 * every cue keeps only its new words, and a cue with nothing new only extends the previous one's end.
 */
public final class RollingCues {

    // A one-word overlap is too often a real repetition ("no, no"); rolling cues repeat at least two words.
    private static final int MIN_OVERLAP = 2;

    private RollingCues() {
    }

    public static List<Cue> collapse(List<Cue> cues) {
        List<Cue> out = new ArrayList<>();
        String[] previous = new String[0];
        for (Cue cue : cues) {
            String[] words = cue.text().replace('\n', ' ').split(" ");
            int overlap = overlap(previous, words);
            previous = words;
            if (overlap == words.length && !out.isEmpty()) {
                Cue last = out.remove(out.size() - 1);
                out.add(new Cue(last.start(), Math.max(last.end(), cue.end()), last.text()));
                continue;
            }
            if (overlap > 0 && !out.isEmpty()) {
                punctuateJoin(out, words[overlap - 1]);
            }
            String fresh = overlap == 0 ? cue.text() : String.join(" ", Arrays.copyOfRange(words, overlap, words.length));
            out.add(new Cue(cue.start(), cue.end(), fresh));
        }
        return out;
    }

    /** A rolling cue often adds the comma the previous one could not know yet ("off" becomes "off,"): keep it. */
    private static void punctuateJoin(List<Cue> out, String repeatedWord) {
        Cue last = out.get(out.size() - 1);
        String text = last.text();
        int space = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n'));
        String lastWord = text.substring(space + 1);
        if (repeatedWord.length() > lastWord.length() && repeatedWord.startsWith(lastWord) && loose(repeatedWord).equals(loose(lastWord))) {
            out.set(out.size() - 1, new Cue(last.start(), last.end(), text.substring(0, space + 1) + repeatedWord));
        }
    }

    /** The longest run of words that ends {@code previous} and starts {@code next}, compared loosely. */
    private static int overlap(String[] previous, String[] next) {
        for (int size = Math.min(previous.length, next.length); size >= 1; size--) {
            if (size < MIN_OVERLAP && size != next.length) {
                break;
            }
            boolean same = true;
            for (int i = 0; i < size && same; i++) {
                same = loose(previous[previous.length - size + i]).equals(loose(next[i]));
            }
            if (same) {
                return size;
            }
        }
        return 0;
    }

    private static String loose(String word) {
        return word.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}¿¡…]", "");
    }
}

package com.tikneuron.diarization.ocr;

import java.text.Normalizer;

import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The character error rate of a reading against the text that was drawn: edits (insertions, deletions,
 * substitutions) over the drawn text's length, after both are put in Unicode NFC with runs of white space as one
 * space. Case and accents count: "Apfel" for "Äpfel" is one error.
 */
public final class CharacterErrorRate {

    private CharacterErrorRate() {
    }

    public static double of(String drawn, String read) {
        String reference = normalise(drawn);
        String hypothesis = normalise(read == null ? "" : read);
        if (reference.isEmpty()) {
            return hypothesis.isEmpty() ? 0 : 1;
        }
        return (double) LevenshteinDistance.getDefaultInstance().apply(reference, hypothesis) / reference.length();
    }

    private static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
    }
}

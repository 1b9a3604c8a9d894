package com.tikneuron.diarization.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Held-out sentences: none of them is a fixture's, so the word lists were not fitted to these. Each is how the
 * English pack reads it (accents may be gone).
 */
class TextLanguagesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Five things I wish I knew before moving to the city | en",
        "Los mejores tacos de la ciudad y como hacerlos en casa | es",
        "Das ist mein Lieblingsrezept fur den Winter und es ist einfach | de",
        "Ma routine du matin pour avoir plus d'energie dans la journee | fr",
        "La mia ricetta della nonna per una pasta che non delude mai | it",
        "Cara membuat kopi susu yang enak dengan bahan sederhana | id",
        "Sadan laver jeg min morgenmad og det tager kun fem minutter | da",
        "أفضل طريقة لتحضير القهوة في البيت | ar",
        "Pancakes | ''",
        "7 8 9 | ''"})
    void tellsTheLanguageOfATextOrNothing(String text, String expected) {
        assertEquals(expected == null || expected.isEmpty() ? Optional.empty() : Optional.of(expected),
                TextLanguages.detect(text));
    }
}

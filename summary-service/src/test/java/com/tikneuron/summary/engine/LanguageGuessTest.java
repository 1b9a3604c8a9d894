package com.tikneuron.summary.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LanguageGuessTest {

    private static final String ENGLISH = "- The baker feeds the starter twice a day for three days.\n"
            + "- A long cold proof overnight gives the bread its sour taste.\n- Baking starts in a covered pot.";
    private static final String GERMAN = "- Der Sauerteig wird drei Tage lang zweimal täglich gefüttert.\n"
            + "- Die lange kalte Gare gibt dem Brot seinen Geschmack.\n- Gebacken wird im geschlossenen Topf und heiß.";
    private static final String DANISH = "- Surdejen fodres to gange om dagen i tre dage, og det er vigtigt.\n"
            + "- Dejen hviler i køleskabet natten over.\n- Brødet bages i en gryde med låg på.";

    @Test
    void answerInTheRequestedLanguagePasses() {
        assertEquals(Optional.empty(), LanguageGuess.mismatch(ENGLISH, "en"));
        assertEquals(Optional.empty(), LanguageGuess.mismatch(GERMAN, "de"));
        assertEquals(Optional.empty(), LanguageGuess.mismatch(DANISH, "da"));
        assertEquals(Optional.empty(), LanguageGuess.mismatch("- الخباز يطعم الخميرة مرتين في اليوم", "ar"));
    }

    @Test
    void answerInTheTranscriptsLanguageInsteadIsCaught() {
        assertEquals(Optional.of("it was written in English, not in German"), LanguageGuess.mismatch(ENGLISH, "de"));
        assertEquals(Optional.of("it was written in German, not in English"), LanguageGuess.mismatch(GERMAN, "en"));
        assertTrue(LanguageGuess.mismatch(ENGLISH, "ar").isPresent());
        assertTrue(LanguageGuess.mismatch("- الخباز يطعم الخميرة مرتين في اليوم ويخبز الخبز في قدر مغطى", "fr").isPresent());
    }

    @Test
    void shortTextsAreNotJudged() {
        assertEquals(Optional.empty(), LanguageGuess.mismatch("- The bread.\n- The pot.\n- The oven.", "de"));
    }
}

package com.tikneuron.subtitle.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LanguageSelectionTest {

    private static final TrackDescriptor SPANISH_MT = new TrackDescriptor("spa-ES", "MT", "webvtt", false);
    private static final TrackDescriptor ENGLISH_ASR = new TrackDescriptor("eng-US", "ASR", "webvtt", true);
    private static final TrackDescriptor CHINESE = new TrackDescriptor("cmn-Hans-CN", "MT", "webvtt", false);

    @Test
    void twoLetterCodesMatchTikTokTrackNames() {
        assertTrue(LanguageCodes.matches("en", "eng-US"));
        assertTrue(LanguageCodes.matches("EN", "eng-US"));
        assertTrue(LanguageCodes.matches("en-US", "eng-US"));
        assertTrue(LanguageCodes.matches("eng-US", "eng-US"));
        assertTrue(LanguageCodes.matches("zh", "cmn-Hans-CN"));
        assertTrue(LanguageCodes.matches("zh-Hans", "cmn-Hans-CN"));
        assertTrue(LanguageCodes.matches("de", "deu-DE"));
        assertFalse(LanguageCodes.matches("en-GB", "eng-US"));
        assertFalse(LanguageCodes.matches("es", "eng-US"));
        assertFalse(LanguageCodes.matches(null, "eng-US"));
    }

    @Test
    void theOriginalSpokenTrackWinsEvenWhenATranslationIsListedFirst() {
        assertEquals(Optional.of(ENGLISH_ASR), CaptionSelector.select(List.of(SPANISH_MT, ENGLISH_ASR), null));
    }

    @Test
    void withoutAnOriginalTrackTheFirstUsableOneIsTaken() {
        assertEquals(Optional.of(SPANISH_MT), CaptionSelector.select(List.of(SPANISH_MT, CHINESE), null));
    }

    @Test
    void aRequestedLanguageIsHonouredOrAnsweredWithNothing() {
        assertEquals(Optional.of(SPANISH_MT), CaptionSelector.select(List.of(SPANISH_MT, ENGLISH_ASR), "es"));
        assertEquals(Optional.empty(), CaptionSelector.select(List.of(SPANISH_MT, ENGLISH_ASR), "fr"));
        assertEquals(List.of("spa-ES", "eng-US"), CaptionSelector.languages(List.of(SPANISH_MT, ENGLISH_ASR)));
    }

    @Test
    void onlyLanguageCodeShapesAreValidInput() {
        assertTrue(LanguageCodes.VALID.matcher("en").matches());
        assertTrue(LanguageCodes.VALID.matcher("cmn-Hans-CN").matches());
        assertFalse(LanguageCodes.VALID.matcher("english please").matches());
        assertFalse(LanguageCodes.VALID.matcher("e").matches());
    }
}

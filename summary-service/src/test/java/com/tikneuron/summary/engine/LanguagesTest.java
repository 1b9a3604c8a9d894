package com.tikneuron.summary.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LanguagesTest {

    @Test
    void tikTokTrackLanguagesMapToPublicCodes() {
        assertEquals("en", Languages.fromTrack("eng-US"));
        assertEquals("es", Languages.fromTrack("spa-ES"));
        assertEquals("id", Languages.fromTrack("ind-ID"));
        assertEquals("de", Languages.fromTrack("deu-DE"));
        assertEquals("fr", Languages.fromTrack("fra-FR"));
        assertEquals("da", Languages.fromTrack("dan-DK"));
        assertEquals("ar", Languages.fromTrack("ara-SA"));
        assertEquals("it", Languages.fromTrack("ita-IT"));
        assertEquals("en", Languages.fromTrack("en_GB"));
        assertEquals("id", Languages.fromTrack("in-ID"));
    }

    @Test
    void otherLanguagesMapToNothing() {
        assertNull(Languages.fromTrack("cmn-Hans-CN"));
        assertNull(Languages.fromTrack("por-BR"));
        assertNull(Languages.fromTrack(""));
        assertNull(Languages.fromTrack(null));
    }
}

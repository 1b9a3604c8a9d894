package com.tikneuron.diarization.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.tikneuron.diarization.service.InvalidRequests;
import com.tikneuron.paid.InvalidRequestException;

class SpeakerHintsTest {

    private static final String URL = "https://www.tiktok.com/@creator/video/7354861484037524768";
    private static final JsonNodeFactory NUMBERS = JsonNodeFactory.instance;

    @Test
    void theCacheKeySuffixNamesTheHintsAndNothingWithoutThem() {
        assertEquals("", SpeakerHints.NONE.key());
        assertEquals("/speakers=3", SpeakerHints.exactly(3).key());
        assertEquals("/min_speakers=2,max_speakers=4", new SpeakerHints(2, 4).key());
        assertEquals("/min_speakers=2", new SpeakerHints(2, 0).key());
        assertEquals("/max_speakers=5", new SpeakerHints(0, 5).key());
    }

    @Test
    void equalBoundsAreTheExactCountAndShareItsKey() {
        var command = InvalidRequests.validate(URL, null, null, NUMBERS.numberNode(3), NUMBERS.numberNode(3), null);
        assertEquals(SpeakerHints.exactly(3), command.hints());
        assertEquals("/speakers=3", command.hints().key());
        assertEquals(SpeakerHints.NONE, InvalidRequests.validate(URL, null, null, null, null, null).hints());
    }

    @Test
    void boundsAreWhatTheStageIsGiven() {
        SpeakerHints hints = new SpeakerHints(0, 4);
        assertEquals(1, hints.lowest());
        assertEquals(4, hints.highest());
        assertEquals(Integer.MAX_VALUE, SpeakerHints.NONE.highest());
    }

    @Test
    void everyBadHintIsReportedAtOnce() {
        InvalidRequestException failure = assertThrows(InvalidRequestException.class, () -> InvalidRequests.validate(URL,
                "pdf", NUMBERS.numberNode(21), NUMBERS.numberNode(0), NUMBERS.textNode("3"), null));
        assertEquals(Map.of("format", List.of(InvalidRequests.FORMAT), "speakers", List.of(InvalidRequests.SPEAKERS),
                "min_speakers", List.of(InvalidRequests.MIN_SPEAKERS), "max_speakers", List.of(InvalidRequests.MAX_SPEAKERS)),
                failure.errors());
    }
}

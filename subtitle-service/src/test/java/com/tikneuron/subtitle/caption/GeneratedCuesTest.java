package com.tikneuron.subtitle.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.tikneuron.subtitle.client.Transcription;
import com.tikneuron.subtitle.client.Transcription.Segment;
import com.tikneuron.subtitle.client.Transcription.Word;

class GeneratedCuesTest {

    @Test
    void aCueEndsWithItsSegment() {
        Transcription transcription = transcription(List.of(
                new Word("hello", 0.2, 0.5), new Word("there", 0.6, 0.9),
                new Word("welcome", 1.8, 2.2), new Word("back", 2.3, 2.5)),
                List.of(new Segment(0.2, 0.9, "hello there"), new Segment(1.8, 2.5, "welcome back")));

        assertEquals(List.of(new Cue(0.2, 0.9, "hello there"), new Cue(1.8, 2.5, "welcome back")),
                GeneratedCues.of(transcription));
    }

    @Test
    void aCueEndsAtTheEndOfASentenceInsideASegment() {
        Transcription transcription = transcription(List.of(
                new Word("Hi.", 0.0, 0.3), new Word("Today", 0.5, 0.8), new Word("we", 0.9, 1.0), new Word("cook!", 1.1, 1.5)),
                List.of(new Segment(0.0, 1.5, "Hi. Today we cook!")));

        assertEquals(List.of(new Cue(0.0, 0.3, "Hi."), new Cue(0.5, 1.5, "Today we cook!")), GeneratedCues.of(transcription));
    }

    @Test
    void aLongSentenceIsCutBeforeFortyThreeCharactersOrSevenSeconds() {
        List<Word> words = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        double at = 0;
        for (int i = 0; i < 30; i++) {
            String word = i % 2 == 0 ? "carrots" : "and";
            words.add(new Word(word, at, at + 0.3));
            text.append(i == 0 ? "" : " ").append(word);
            at += 0.4;
        }
        words.add(new Word("slowly", 20.0, 28.5));
        List<Cue> cues = GeneratedCues.of(transcription(words, List.of(new Segment(0, 28.5, text + " slowly"))));

        assertTrue(cues.size() > 4, cues.toString());
        for (Cue cue : cues) {
            assertTrue(cue.text().length() <= GeneratedCues.MAX_CHARS, cue.text());
            assertTrue(cue.end() - cue.start() <= GeneratedCues.MAX_SECONDS || !cue.text().contains(" "), cue.toString());
        }
        assertEquals(new Cue(20.0, 28.5, "slowly"), cues.get(cues.size() - 1), "a single long word stands alone");
    }

    @Test
    void segmentsWithoutWordTimingsAreSpreadOverTheirTime() {
        Transcription transcription = transcription(List.of(),
                List.of(new Segment(0.0, 10.0, "first I cut two onions and a few carrots into small pieces today")));

        List<Cue> cues = GeneratedCues.of(transcription);

        assertEquals(2, cues.size(), cues.toString());
        assertEquals(0.0, cues.get(0).start(), 1e-9);
        assertEquals(10.0, cues.get(1).end(), 1e-9);
        assertEquals("first I cut two onions and a few carrots into small pieces today",
                cues.get(0).text() + " " + cues.get(1).text());
    }

    private static Transcription transcription(List<Word> words, List<Segment> segments) {
        return new Transcription("7411204676455123968", "builtin-vosk-en-0.3.45", "en", 28.0, false, "", words, segments);
    }
}

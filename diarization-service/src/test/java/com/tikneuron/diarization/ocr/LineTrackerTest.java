package com.tikneuron.diarization.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class LineTrackerTest {

    @Test
    void aLineOnConsecutiveFramesCountsOnceFromItsFirstToItsLastFrame() {
        LineTracker tracker = new LineTracker(1, 7);
        tracker.add(List.of());
        tracker.add(List.of(line("Mash two ripe bananas", 300, 90)));
        tracker.add(List.of(line("Mash two ripe bananas", 300, 92)));
        tracker.add(List.of(line("Mash two ripe bananas", 301, 91)));
        tracker.add(List.of());
        tracker.add(List.of());
        tracker.add(List.of(line("Mash two ripe bananas", 300, 90)));

        assertEquals(List.of(new TextCue(1, 4, "Mash two ripe bananas"), new TextCue(6, 7, "Mash two ripe bananas")),
                tracker.cues(), "shown twice with a gap of more than one frame: two cues");
    }

    @Test
    void slightlyDifferentReadingsOfOneLineAreOneLineInItsMostConfidentReading() {
        LineTracker tracker = new LineTracker(1, 3);
        tracker.add(List.of(line("Vier Apfel schalen", 320, 80)));
        tracker.add(List.of(line("Vier Äpfel schälen", 320, 95)));
        tracker.add(List.of(line("Vier Äpfel schälen.", 321, 85)));

        assertEquals(List.of(new TextCue(0, 3, "Vier Äpfel schälen")), tracker.cues());
    }

    @Test
    void linesShownTogetherAreOneCueTopToBottomAndAMissedFrameDoesNotSplitThem() {
        LineTracker tracker = new LineTracker(0.5, 10);
        tracker.add(List.of(line("ready in ten minutes", 392, 90), line("Easy banana pancakes", 320, 90)));
        tracker.add(List.of(line("Easy banana pancakes", 320, 90)));
        tracker.add(List.of(line("Easy banana pancakes", 320, 90), line("ready in ten minutes", 392, 90)));
        tracker.add(List.of(line("Fry them on low heat", 320, 90)));

        assertEquals(List.of(new TextCue(0, 1.5, "Easy banana pancakes ready in ten minutes"),
                new TextCue(1.5, 2, "Fry them on low heat")), tracker.cues());
    }

    @Test
    void theLastCueEndsWithTheVideo() {
        LineTracker tracker = new LineTracker(1.5, 4);
        tracker.add(List.of());
        tracker.add(List.of(line("Thanks for watching", 500, 90)));
        tracker.add(List.of(line("Thanks for watching", 500, 90)));

        assertEquals(List.of(new TextCue(1.5, 4, "Thanks for watching")), tracker.cues());
    }

    private static OcrLine line(String text, int top, double confidence) {
        return new OcrLine(text, top, 40, confidence);
    }
}

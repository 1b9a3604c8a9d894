package com.tikneuron.summary.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.tikneuron.summary.client.Transcript;

class ExtractiveSummarizerTest {

    private final ExtractiveSummarizer engine = new ExtractiveSummarizer();

    @Test
    void captionsWithoutPunctuationAreCutAtCuesAndStillSummarised() {
        List<Transcript.Cue> cues = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String[] lines = { "so today we are testing three budget phones", "the first phone has the best battery life",
                "it lasted two full days in our battery test", "the second phone has the brightest screen outside",
                "but its battery only lasted one day in the test", "the third phone has the best camera at night",
                "night photos were sharp and the colours looked right", "overall the first phone is the best value",
                "the battery and the price make it our pick", "let me know which phone you would buy" };
        double start = 0;
        for (String line : lines) {
            cues.add(new Transcript.Cue(start, start + 3, line));
            text.append(line).append(' ');
            start += 3;
        }
        String summary = engine.summarizeNow(new SummaryJob("7354861484037524768", SummaryType.BULLETPOINT, "en",
                new Transcript("7354861484037524768", "eng-US", "ASR", text.toString().strip(), cues), null));
        String[] bullets = summary.split("\n");
        assertTrue(bullets.length >= 3 && bullets.length <= 7, summary);
        for (String bullet : bullets) {
            assertTrue(bullet.startsWith("- "));
            assertTrue(Character.isUpperCase(bullet.charAt(2)), bullet);
        }
    }

    @Test
    void onScreenTextIsSummarisedWithANoteThatTheVideoHasNoSpeech() {
        List<Transcript.Cue> cues = List.of(new Transcript.Cue(0, 3, "Better sleep in three steps."),
                new Transcript.Cue(3, 6, "No screens after ten at night."),
                new Transcript.Cue(6, 9, "Keep your bedroom cool and dark."));
        String text = String.join(" ", cues.stream().map(Transcript.Cue::text).toList());
        String bullets = engine.summarizeNow(new SummaryJob("7419126507114642003", SummaryType.BULLETPOINT, "en",
                new Transcript("7419126507114642003", "en", "on_screen_text", text, cues), null));
        assertEquals("- No speech was found in this video; this summary is of the text it shows on screen.",
                bullets.lines().findFirst().orElseThrow());
        assertTrue(bullets.contains("- Keep your bedroom cool and dark."), bullets);
        String captioned = engine.summarizeNow(new SummaryJob("7419126507114642003", SummaryType.BULLETPOINT, "en",
                new Transcript("7419126507114642003", "eng-US", "ASR", text, cues), null));
        assertTrue(!captioned.contains("No speech"), "only on-screen text gets the note: " + captioned);
    }

    @Test
    void refusesWhatOnlyALanguageModelCanDo() {
        assertTrue(engine.refusal(SummaryType.STRUCTURED, "en", "en").isPresent());
        assertTrue(engine.refusal(SummaryType.BULLETPOINT, "fr", "en").isPresent());
        assertTrue(engine.refusal(SummaryType.TEXTUAL, "en", null).isPresent());
        assertEquals(Optional.empty(), engine.refusal(SummaryType.TEXTUAL, "it", "it"));
    }

    @Test
    void shortVideoWithOneLongCaptionSentenceStillGetsThreeBullets() {
        String text = "okay so today I'm going to show you my three ingredient pasta sauce that takes ten minutes "
                + "you need tomatoes butter and one onion cut in half simmer it low and slow and that's it follow for part two";
        List<Transcript.Cue> cues = List.of(
                new Transcript.Cue(0, 2.5, "okay so today I'm going to show you"),
                new Transcript.Cue(2.5, 5, "my three ingredient pasta sauce that takes ten minutes"),
                new Transcript.Cue(5, 7.5, "you need tomatoes butter and one onion cut in half"),
                new Transcript.Cue(7.5, 10, "simmer it low and slow and that's it"),
                new Transcript.Cue(10, 12, "follow for part two"));
        String summary = engine.summarizeNow(new SummaryJob("7354861484037524768", SummaryType.BULLETPOINT, "en",
                new Transcript("7354861484037524768", "eng-US", "ASR", text, cues), null));
        assertEquals(List.of(
                "- Okay so today I'm going to show you",
                "- My three ingredient pasta sauce that takes ten minutes you need tomatoes butter and one onion cut in half",
                "- Simmer it low and slow and that's it follow for part two"), List.of(summary.split("\n")));
    }

    @Test
    void veryShortTranscriptIsNotCutIntoMeaninglessPieces() {
        String summary = engine.summarizeNow(new SummaryJob("7354861484037524768", SummaryType.BULLETPOINT, "en",
                new Transcript("7354861484037524768", "eng-US", "ASR", "follow for part two", List.of()), null));
        assertEquals("- Follow for part two", summary);
    }
}

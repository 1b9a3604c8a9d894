package com.tikneuron.summary.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class AnswerNormalizerTest {

    private final AnswerNormalizer normalizer = new AnswerNormalizer(new ObjectMapper());

    @Test
    void reasoningBlockAndClosingRemarkAreDropped() {
        var result = normalizer.normalize(SummaryType.BULLETPOINT, """
                <think>The user wants bullets.</think>
                - One.
                - Two.
                - Three.
                Let me know if you need more!""");
        assertEquals("- One.\n- Two.\n- Three.", result.text());
    }

    @Test
    void germanPreambleIsDropped() {
        var result = normalizer.normalize(SummaryType.BULLETPOINT, "Hier ist die Zusammenfassung:\n- Eins.\n- Zwei.\n- Drei.");
        assertEquals("- Eins.\n- Zwei.\n- Drei.", result.text());
    }

    @Test
    void tooManyOrTooFewBulletsAreRefused() {
        assertFalse(normalizer.normalize(SummaryType.BULLETPOINT, "- a\n- b").isOk());
        assertFalse(normalizer.normalize(SummaryType.BULLETPOINT, "- a\n- b\n- c\n- d\n- e\n- f\n- g\n- h").isOk());
    }

    @Test
    void textBetweenBulletsIsRefused() {
        assertFalse(normalizer.normalize(SummaryType.BULLETPOINT, "- a\nsomething else\n- b\n- c").isOk());
    }

    @Test
    void proseLosesItsPreambleAndKeepsItsParagraphs() {
        var result = normalizer.normalize(SummaryType.TEXTUAL, "Sure! Here is a summary:\n\nFirst part\ncontinues.\n\nSecond part.");
        assertEquals("First part continues.\n\nSecond part.", result.text());
    }

    @Test
    void proseWithAListOrFourParagraphsIsRefused() {
        assertFalse(normalizer.normalize(SummaryType.TEXTUAL, "Intro.\n\n- a\n- b").isOk());
        assertFalse(normalizer.normalize(SummaryType.TEXTUAL, "One.\n\nTwo.\n\nThree.\n\nFour.").isOk());
    }

    @Test
    void structuredAnswerNeedsAllFieldsAndAKnownSentiment() {
        assertFalse(normalizer.normalize(SummaryType.STRUCTURED, "{\"tldr\": \"x\", \"takeaways\": [\"a\"], \"cta\": \"c\"}").isOk());
        assertFalse(normalizer.normalize(SummaryType.STRUCTURED,
                "{\"tldr\": \"x\", \"takeaways\": [\"a\"], \"sentiment\": \"angry\", \"cta\": \"c\"}").isOk());
        assertFalse(normalizer.normalize(SummaryType.STRUCTURED, "not json at all").isOk());
        var ok = normalizer.normalize(SummaryType.STRUCTURED,
                "Here you go: {\"tldr\": \" x \", \"takeaways\": [\"a\", \"b\"], \"sentiment\": \"NEUTRAL\", \"cta\": \"c\"}");
        assertTrue(ok.isOk());
        assertEquals("{\"tldr\":\"x\",\"takeaways\":[\"a\",\"b\"],\"sentiment\":\"neutral\",\"cta\":\"c\"}", ok.text());
    }

    @Test
    void emptyAnswerIsRefused() {
        assertFalse(normalizer.normalize(SummaryType.TEXTUAL, "  \n ").isOk());
    }
}

package com.tikneuron.diarization.harness;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tikneuron.diarization.audio.SpeechConditioner;
import com.tikneuron.diarization.speech.BuiltInSpeechEngine;
import com.tikneuron.diarization.speech.RecognizedWord;

/**
 * Prints the built-in recogniser's mean word confidence on every development clip (English and other languages),
 * from which tikneuron.speech.builtin.min-confidence is chosen. Not a gate: run it with
 * {@code ./mvnw -pl diarization-service test-compile surefire:test@harness -Dtest=LanguageConfidenceTuning
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dlanguage.set=held-out} prints the held-out set instead.
 */
class LanguageConfidenceTuning {

    @Test
    void printsTheMeanConfidenceOfEveryClip() {
        List<LanguageClips.Spec> specs = "held-out".equals(System.getProperty("language.set"))
                ? LanguageClips.heldOut() : LanguageClips.development();
        SpeechConditioner conditioner = new SpeechConditioner(SpeechConditioner.DEFAULTS);
        System.out.println("| clip | language | words | mean confidence |");
        System.out.println("|---|---|---|---|");
        for (LanguageClips.Spec spec : specs) {
            List<RecognizedWord> words = HarnessEngines.transcriber().transcribe(conditioner.condition(LanguageClips.audio(spec)));
            System.out.printf("| %s | %s | %d | %.3f |%n", spec.name(), spec.language(), words.size(),
                    BuiltInSpeechEngine.meanConfidence(words));
        }
    }
}

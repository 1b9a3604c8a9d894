package com.tikneuron.diarization.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tikneuron.diarization.engine.Audio;
import com.tikneuron.diarization.harness.Tools;

/** The trained voice-activity model tells speech from silence and from plucked strings. */
class SileroVadTest {

    @Test
    void speechIsLikelyAndSilenceAndMusicAreNot() {
        Tools.require("espeak-ng", "sox");
        short[] speech = raw(List.of("sh", "-c", "espeak-ng -v en-us --stdout 'We are going to talk about cooking at "
                + "home, and the weather is getting better this week.' | sox -R -t wav - -r 16000 -c 1 -b 16 "
                + "-e signed-integer -L -t raw -"));
        short[] music = raw(List.of("sox", "-R", "-n", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-L",
                "-t", "raw", "-", "synth", "3", "pluck", "A2", "pluck", "E3", "pluck", "C4", "remix", "-", "gain", "-n", "-6"));
        short[] silence = new short[16_000 * 2];
        try (SileroVad vad = SileroVad.load()) {
            float[] spoken = vad.speechProbabilities(speech);
            assertEquals(speech.length / SileroVad.WINDOW, spoken.length);
            assertTrue(share(spoken, 0.5) > 0.6, "speech windows found: " + share(spoken, 0.5));
            assertTrue(share(vad.speechProbabilities(silence), 0.5) == 0, "silence is never speech");
            assertTrue(share(vad.speechProbabilities(music), 0.5) < 0.2, "music is mostly not speech: "
                    + share(vad.speechProbabilities(music), 0.5));
        }
    }

    private static double share(float[] probabilities, double threshold) {
        int above = 0;
        for (float p : probabilities) {
            if (p >= threshold) {
                above++;
            }
        }
        return probabilities.length == 0 ? 0 : above / (double) probabilities.length;
    }

    private static short[] raw(List<String> command) {
        byte[] pcm = Tools.run(command);
        return Audio.fromPcm(pcm, pcm.length).samples();
    }
}

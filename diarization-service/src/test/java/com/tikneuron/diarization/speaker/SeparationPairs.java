package com.tikneuron.diarization.speaker;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.tikneuron.diarization.speech.RecognizedWord;

/**
 * Tuning aid: for every pair of the speakers the stage leaves before its last merges (run it with
 * {@code resegmentMerge=0}), whether both are mostly one reference voice, their {@link Resegmentation#separation} and
 * each one's {@link #selfSeparation}: what the last merges decide on.
 */
public final class SeparationPairs {

    private SeparationPairs() {
    }

    /**
     * @param labels the stage's speaker per word
     * @param reference turns as {speaker, start, end}
     */
    public static void print(String clip, SpeakerStage.Settings settings, AcousticFeatures features,
            List<RecognizedWord> words, int[] labels, List<double[]> reference, int truth) {
        boolean[] speech = SpeakerStage.voiceActivity(features);
        Ubm ubm = Ubm.train(SpeakerStage.speechFrames(features, speech, words), settings.modelComponents());
        Resegmentation resegmentation = new Resegmentation(features, ubm,
                SpeakerStage.wordFrames(features, speech, words));
        int count = Arrays.stream(labels).max().orElse(-1) + 1;
        double[] total = new double[count];
        for (int i = 0; i < words.size(); i++) {
            total[labels[i]] += words.get(i).end() - words.get(i).start();
        }
        int[] owner = SpeakerPairs.owners(words, labels, reference, truth);
        double[] self = new double[count];
        for (int c = 0; c < count; c++) {
            self[c] = selfSeparation(resegmentation, labels, c, settings.relevance(), settings.resegmentPitch());
        }
        for (int a = 0; a < count; a++) {
            for (int b = a + 1; b < count; b++) {
                double separation = resegmentation.separation(labels, a, b, settings.relevance(),
                        settings.resegmentPitch());
                System.out.println(String.format(Locale.ROOT,
                        "SEP %-6s %d/%d %-10s separation %.4f self %.4f %.4f seconds %.1f %.1f", clip, count, truth,
                        owner[a] == owner[b] ? "ONE-VOICE" : "TWO-VOICES", separation, self[a], self[b], total[a],
                        total[b]));
            }
        }
    }

    /**
     * The {@link Resegmentation#separation} of speaker a from itself: its turns (runs of consecutive words) split into
     * two halves, alternately, or its one turn at its middle word. What two models of one voice gain over one model in
     * this recording, against which a separation between two speakers could be measured. 0 with fewer than two words.
     */
    static double selfSeparation(Resegmentation resegmentation, int[] speaker, int a, double relevance,
            double pitchWeight) {
        int[] split = speaker.clone();
        int half = Arrays.stream(speaker).max().orElse(-1) + 1;
        int turns = 0;
        int words = 0;
        for (int i = 0; i < speaker.length; i++) {
            if (speaker[i] == a) {
                words++;
                if (i == 0 || speaker[i - 1] != a) {
                    turns++;
                }
            }
        }
        if (words < 2) {
            return 0;
        }
        int turn = -1;
        int seen = 0;
        for (int i = 0; i < speaker.length; i++) {
            if (speaker[i] != a) {
                continue;
            }
            if (i == 0 || speaker[i - 1] != a) {
                turn++;
            }
            boolean second = turns > 1 ? turn % 2 == 1 : seen >= words / 2;
            if (second) {
                split[i] = half;
            }
            seen++;
        }
        return resegmentation.separation(split, a, half, relevance, pitchWeight);
    }
}

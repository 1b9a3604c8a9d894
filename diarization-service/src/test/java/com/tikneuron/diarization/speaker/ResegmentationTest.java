package com.tikneuron.diarization.speaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResegmentationTest {

    private static final int RATE = 16_000;
    private static final int WORDS = 24;
    private static final double WORD_SECONDS = 0.4;
    private static final double GAP_SECONDS = 0.1;
    // Words 0-7 and 16-23 are one voice, 8-15 another.
    private static final int[] TRUTH = new int[WORDS];

    private static AcousticFeatures features;
    private static int[][] wordFrames;
    private static Ubm ubm;

    /** Harmonics of {@code pitch} Hz, strongest near {@code formant} Hz, over a little noise: a crude vowel. */
    private static void voice(short[] out, int from, int length, double pitch, double formant, Random random) {
        for (int i = 0; i < length; i++) {
            double t = (double) i / RATE;
            double sum = 0;
            for (int h = 1; pitch * h < 4_000; h++) {
                double f = pitch * h;
                sum += Math.exp(-Math.pow((f - formant) / 500, 2)) * Math.sin(2 * Math.PI * f * t + h);
            }
            out[from + i] = (short) (4_000 * sum + 40 * random.nextGaussian());
        }
    }

    @BeforeAll
    static void twoVoices() {
        Random random = new Random(7);
        int wordSamples = (int) (WORD_SECONDS * RATE);
        int step = (int) ((WORD_SECONDS + GAP_SECONDS) * RATE);
        short[] samples = new short[WORDS * step + RATE];
        for (int w = 0; w < WORDS; w++) {
            TRUTH[w] = w >= 8 && w < 16 ? 1 : 0;
            boolean first = TRUTH[w] == 0;
            voice(samples, w * step, wordSamples, first ? 110 : 190, first ? 700 : 1_800, random);
        }
        features = AcousticFeatures.of(samples);
        wordFrames = new int[WORDS][];
        List<float[]> frames = new ArrayList<>();
        for (int w = 0; w < WORDS; w++) {
            int from = (int) Math.ceil(w * (WORD_SECONDS + GAP_SECONDS) * AcousticFeatures.FRAMES_PER_SECOND);
            int to = from + (int) (WORD_SECONDS * AcousticFeatures.FRAMES_PER_SECOND) - 4;
            wordFrames[w] = new int[to - from];
            for (int f = from; f < to; f++) {
                wordFrames[w][f - from] = f;
                frames.add(features.cepstra(f));
            }
        }
        ubm = Ubm.train(frames, 4);
        assertNotNull(ubm);
    }

    @Test
    void wordsGivenToTheWrongSpeakerGoBackToTheirVoice() {
        int[] start = TRUTH.clone();
        start[6] = 1;
        start[7] = 1;
        start[16] = 1;
        start[17] = 1;
        Resegmentation resegmentation = new Resegmentation(features, ubm, wordFrames);
        int[] speaker = start;
        for (int round = 0; round < 2; round++) {
            speaker = resegmentation.round(speaker, 16, 50, 1.0);
        }
        assertArrayEquals(TRUTH, speaker);
    }

    @Test
    void oneVoiceSplitInTwoSeparatesLessThanTwoVoices() {
        int[] split = TRUTH.clone();
        for (int w = 16; w < WORDS; w++) {
            split[w] = 2;
        }
        Resegmentation resegmentation = new Resegmentation(features, ubm, wordFrames);
        double sameVoice = resegmentation.separation(split, 0, 2, 16, 1.0);
        double twoVoices = resegmentation.separation(split, 0, 1, 16, 1.0);
        double shipped = SpeakerStage.DEFAULTS.resegmentMerge();
        assertTrue(sameVoice < shipped && shipped < twoVoices,
                "separation of one voice " + sameVoice + ", of two " + twoVoices + ", merge below " + shipped);
    }
}

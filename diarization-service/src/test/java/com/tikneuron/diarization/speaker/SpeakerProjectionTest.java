package com.tikneuron.diarization.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.tikneuron.diarization.speech.RecognizedWord;

class SpeakerProjectionTest {

    /**
     * Twenty seconds of noise whose colour changes every tenth of a second between a few shades (like the sounds of
     * speech); from second ten on, every shade is duller (another voice saying the same sounds).
     */
    private static AcousticFeatures twoVoices(long seed) {
        Random random = new Random(seed);
        short[] samples = new short[20 * 16_000];
        double smooth = 0;
        double[] shades = { 0.0, 0.3, 0.6, 0.8 };
        for (int i = 0; i < samples.length; i++) {
            int sound = random.nextInt(100) == 0 ? random.nextInt(shades.length) : (i / 1_600) % shades.length;
            double shade = shades[sound] + (i < samples.length / 2 ? 0 : 0.15);
            smooth = shade * smooth + (1 - shade) * random.nextGaussian() * 3_000;
            samples[i] = (short) smooth;
        }
        return AcousticFeatures.of(samples);
    }

    /** Half-second words over the whole recording. */
    private static List<RecognizedWord> words() {
        List<RecognizedWord> words = new ArrayList<>();
        for (double t = 0; t + 0.5 <= 20; t += 0.5) {
            words.add(new RecognizedWord("word", t, t + 0.5, 1.0));
        }
        return words;
    }

    @Test
    void theFittedDirectionsComeMostDiscriminatingFirstAndTellTheTwoVoicesApart() {
        SpeakerProjectionFit fit = new SpeakerProjectionFit();
        List<double[]> turns = List.of(new double[] { 0, 0, 10 }, new double[] { 1, 10, 20 });
        for (long seed = 1; seed <= 4; seed++) {
            fit.add(twoVoices(seed), words(), turns);
        }
        SpeakerProjectionFit.Result result = fit.fit();

        assertEquals(8, result.speakers());
        assertEquals(AcousticFeatures.CEPSTRA, result.rows().length);
        for (int r = 1; r < result.ratios().length; r++) {
            assertTrue(result.ratios()[r - 1] >= result.ratios()[r], "ratios in falling order");
        }
        double[] ratios = result.ratios();
        // One thing tells the voices apart (the duller shades), so one direction carries it.
        assertTrue(ratios[0] > 10 * ratios[1], "first " + ratios[0] + ", second " + ratios[1]);

        // A new recording: the first direction separates its two voices far beyond one voice's own spread.
        AcousticFeatures features = twoVoices(99);
        boolean[] speech = SpeakerStage.voiceActivity(features);
        double[] scale = SpeakerStage.cepstralScale(features, speech, words());
        SpeakerProjection first = new SpeakerProjection(new double[][] { result.rows()[0] });
        double within = first.squaredLength(difference(features, scale, 0, 300, 400, 700));
        double between = first.squaredLength(difference(features, scale, 0, 300, 1_100, 1_400));
        assertTrue(between > 10 * within, "between voices " + between + ", within one " + within);
    }

    /** The difference of the mean cepstra of frames [a, b) and [c, d), in units of the recording's spread. */
    private static double[] difference(AcousticFeatures features, double[] scale, int a, int b, int c, int d) {
        double[] diff = new double[AcousticFeatures.CEPSTRA];
        for (int k = 0; k < diff.length; k++) {
            double first = 0;
            for (int f = a; f < b; f++) {
                first += features.cepstra(f)[k];
            }
            double second = 0;
            for (int f = c; f < d; f++) {
                second += features.cepstra(f)[k];
            }
            diff[k] = (first / (b - a) - second / (d - c)) / scale[k];
        }
        return diff;
    }

    @Test
    void theShippedProjectionHasTheDirectionsAskedForAndMeasuresLengthsLinearly() {
        SpeakerProjection projection = SpeakerProjection.shipped(3);
        assertEquals(3, projection.dimensions());
        double[] d = new double[AcousticFeatures.CEPSTRA];
        assertEquals(0, projection.squaredLength(d));
        d[0] = 0.5;
        d[3] = -0.25;
        double once = projection.squaredLength(d);
        assertTrue(once > 0);
        for (int k = 0; k < d.length; k++) {
            d[k] *= 2;
        }
        assertEquals(4 * once, projection.squaredLength(d), 1e-9 * once);
        assertThrows(IllegalArgumentException.class, () -> SpeakerProjection.shipped(AcousticFeatures.CEPSTRA + 1));
        assertThrows(IllegalArgumentException.class, () -> SpeakerProjection.shipped(0));
        assertThrows(IllegalArgumentException.class, () -> new SpeakerProjection(new double[][] { { 1, 2 } }));
    }
}

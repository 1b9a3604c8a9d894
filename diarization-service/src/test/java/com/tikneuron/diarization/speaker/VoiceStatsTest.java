package com.tikneuron.diarization.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class VoiceStatsTest {

    /**
     * Eight seconds of noise whose colour changes every tenth of a second between a few shades (like the sounds of
     * speech), the second half a little duller in every shade (like another voice saying the same sounds).
     */
    private static AcousticFeatures brightThenDull() {
        Random random = new Random(7);
        short[] samples = new short[8 * 16_000];
        double smooth = 0;
        double[] shades = { 0.0, 0.3, 0.6, 0.8 };
        for (int i = 0; i < samples.length; i++) {
            double shade = shades[(i / 1_600) % shades.length] + (i < samples.length / 2 ? 0 : 0.2);
            smooth = shade * smooth + (1 - shade) * random.nextGaussian() * 3_000;
            samples[i] = (short) smooth;
        }
        return AcousticFeatures.of(samples);
    }

    private static VoiceStats stats(AcousticFeatures features, int from, int to, Ubm ubm) {
        VoiceStats stats = new VoiceStats();
        for (int f = from; f < to; f++) {
            stats.add(features, f, ubm);
        }
        return stats;
    }

    @Test
    void theBackgroundModelDistanceTellsDifferentSoundsFromMoreOfTheSame() {
        AcousticFeatures features = brightThenDull();
        // Modelled on the first voice's sounds only, so the second voice's frames fall in the same components.
        List<float[]> frames = new ArrayList<>();
        for (int f = 0; f < 400; f++) {
            frames.add(features.cepstra(f));
        }
        Ubm ubm = Ubm.train(frames, 4);
        assertNotNull(ubm);
        VoiceStats brightEarly = stats(features, 0, 190, ubm);
        VoiceStats brightLate = stats(features, 200, 390, ubm);
        VoiceStats dull = stats(features, 410, 600, ubm);

        assertEquals(0, VoiceStats.adaptedDistance(brightEarly, brightEarly, ubm, 16), 1e-12);
        double same = VoiceStats.adaptedDistance(brightEarly, brightLate, ubm, 16);
        double different = VoiceStats.adaptedDistance(brightEarly, dull, ubm, 16);
        assertTrue(different > 2 * same, "bright against dull " + different + ", bright against bright " + same);
        assertEquals(different, VoiceStats.adaptedDistance(dull, brightEarly, ubm, 16), 1e-12);
        assertEquals(0, VoiceStats.adaptedDistance(brightEarly, dull, null, 16));
    }

    @Test
    void mergedStatisticsAreTheStatisticsOfTheWhole() {
        AcousticFeatures features = brightThenDull();
        List<float[]> frames = new ArrayList<>();
        for (int f = 0; f < features.frames(); f++) {
            frames.add(features.cepstra(f));
        }
        Ubm ubm = Ubm.train(frames, 4);
        VoiceStats whole = stats(features, 100, 500, ubm);
        VoiceStats parts = stats(features, 100, 300, ubm);
        parts.merge(stats(features, 300, 500, ubm));
        VoiceStats other = stats(features, 600, 700, ubm);
        assertEquals(whole.frames(), parts.frames());
        assertEquals(VoiceStats.adaptedDistance(whole, other, ubm, 16), VoiceStats.adaptedDistance(parts, other, ubm, 16),
                1e-9);
    }
}

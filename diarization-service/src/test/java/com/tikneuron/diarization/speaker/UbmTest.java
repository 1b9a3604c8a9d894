package com.tikneuron.diarization.speaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class UbmTest {

    /** Frames drawn around two centres, two dimensions, unit spread: two families of sounds. */
    private static List<float[]> twoGroups(long seed, int perGroup) {
        double[][] centres = { { -10, -6 }, { 10, 6 } };
        Random random = new Random(seed);
        List<float[]> frames = new ArrayList<>();
        for (int i = 0; i < perGroup; i++) {
            for (double[] centre : centres) {
                frames.add(new float[] { (float) (centre[0] + random.nextGaussian()),
                    (float) (centre[1] + random.nextGaussian()) });
            }
        }
        return frames;
    }

    @Test
    void findsTheGroupsOfSoundsAndIsTheSameForTheSameFrames() {
        List<float[]> frames = twoGroups(1, 1000);
        Ubm model = Ubm.train(frames, 2);
        assertNotNull(model);
        assertEquals(2, model.components());
        assertEquals(2, model.dims());
        int low = model.mean(0, 0) < model.mean(1, 0) ? 0 : 1;
        int high = 1 - low;
        assertEquals(-10, model.mean(low, 0), 0.2);
        assertEquals(-6, model.mean(low, 1), 0.2);
        assertEquals(10, model.mean(high, 0), 0.2);
        assertEquals(6, model.mean(high, 1), 0.2);
        for (int k = 0; k < 2; k++) {
            assertEquals(0.5, model.weight(k), 0.02);
            assertEquals(1.0, model.variance(k, 0), 0.2);
            assertEquals(1.0, model.variance(k, 1), 0.2);
        }

        Ubm again = Ubm.train(frames, 2);
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(new double[] { model.mean(k, 0), model.mean(k, 1), model.weight(k) },
                    new double[] { again.mean(k, 0), again.mean(k, 1), again.weight(k) }, 0.0);
        }
    }

    @Test
    void growsToThePowerOfTwoAsked() {
        Ubm model = Ubm.train(twoGroups(4, 1000), 8);
        assertNotNull(model);
        assertEquals(8, model.components());
        double total = 0;
        for (int k = 0; k < 8; k++) {
            total += model.weight(k);
        }
        assertEquals(1.0, total, 1e-9);
    }

    @Test
    void sharesOfAFrameAddUpToOneAndFavourItsGroup() {
        Ubm model = Ubm.train(twoGroups(2, 500), 2);
        double[] posterior = new double[2];
        model.posteriors(new double[] { 10, 6 }, posterior);
        double sum = 0;
        int best = 0;
        for (int k = 0; k < 2; k++) {
            sum += posterior[k];
            best = posterior[k] > posterior[best] ? k : best;
        }
        assertEquals(1.0, sum, 1e-9);
        assertTrue(posterior[best] > 0.99);
        assertEquals(10, model.mean(best, 0), 0.3);
        assertEquals(6, model.mean(best, 1), 0.3);
    }

    @Test
    void tooFewFramesGiveNoModel() {
        assertNull(Ubm.train(twoGroups(3, 100), 32));
    }
}

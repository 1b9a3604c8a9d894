package com.tikneuron.diarization.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class EigengapTest {

    /** Stretches around {@code groups} points far apart (unit spread within a group, the groups 4 to 8 apart). */
    private static double[][] distances(int groups, int perGroup, long seed) {
        Random random = new Random(seed);
        int n = groups * perGroup;
        double[][] points = new double[n][3];
        for (int i = 0; i < n; i++) {
            int group = i % groups;
            for (int d = 0; d < 3; d++) {
                points[i][d] = (d == group % 3 ? 5.0 * (1 + group / 3) : 0) + 0.4 * random.nextGaussian();
            }
        }
        double[][] distances = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int d = 0; d < 3; d++) {
                    sum += (points[i][d] - points[j][d]) * (points[i][d] - points[j][d]);
                }
                distances[i][j] = Math.sqrt(sum);
            }
        }
        return distances;
    }

    @Test
    void countsTheGroupsOfStretches() {
        for (int groups = 1; groups <= 5; groups++) {
            assertEquals(groups, Eigengap.count(distances(groups, 4, groups), 1.5, 8), groups + " groups");
        }
    }

    @Test
    void neverCountsMoreThanAllowedOrThanThereAreStretches() {
        int capped = Eigengap.count(distances(4, 3, 7), 1.5, 2);
        assertTrue(capped >= 1 && capped <= 2, "at most 2: " + capped);
        assertEquals(1, Eigengap.count(new double[][] { { 0 } }, 1.5, 8));
        assertEquals(0, Eigengap.count(new double[0][0], 1.5, 8));
    }
}

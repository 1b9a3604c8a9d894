package com.tikneuron.diarization.speaker;

import java.util.Arrays;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The number of voices among some stretches of speech, read off the eigenvalues of their similarity matrix: with
 * affinities exp(-d² / 2s²) between stretches (d the speaker stage's distance), the normalised graph Laplacian has
 * as many eigenvalues near zero as the stretches form groups of one voice, and the count is where the sorted
 * eigenvalues jump the most. Unlike a threshold on the distance of the closest two clusters, this compares the
 * recording's distances with each other; the scale s only says what "near" means, and one voice alone (every
 * affinity close to one) gives a jump after the first eigenvalue.
 */
final class Eigengap {

    private Eigengap() {
    }

    /**
     * @param distances symmetric distances between stretches (at least one)
     * @param scale the distance at which two stretches are still rather alike
     * @param most the highest count considered
     * @return the count, from 1 to min(most, stretches)
     */
    static int count(double[][] distances, double scale, int most) {
        int n = distances.length;
        if (n <= 1) {
            return n;
        }
        double[][] affinity = new double[n][n];
        double[] degree = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = distances[i][j];
                affinity[i][j] = Math.exp(-d * d / (2 * scale * scale));
                degree[i] += affinity[i][j];
            }
        }
        double[][] laplacian = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double normalised = affinity[i][j] / Math.sqrt(degree[i] * degree[j]);
                laplacian[i][j] = (i == j ? 1 : 0) - normalised;
            }
        }
        double[] eigenvalues = new EigenDecomposition(new Array2DRowRealMatrix(laplacian, false)).getRealEigenvalues();
        Arrays.sort(eigenvalues);
        int limit = Math.min(most, n - 1);
        int best = 1;
        double widest = -1;
        for (int k = 1; k <= limit; k++) {
            double gap = eigenvalues[k] - eigenvalues[k - 1];
            if (gap > widest) {
                widest = gap;
                best = k;
            }
        }
        return best;
    }
}

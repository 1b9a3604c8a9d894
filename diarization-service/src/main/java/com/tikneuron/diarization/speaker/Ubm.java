package com.tikneuron.diarization.speaker;

import java.util.List;

/**
 * A background model of one recording's speech: a mixture of diagonal Gaussians over the mel cepstra of all its
 * speech frames, grown by binary splitting with four rounds of expectation-maximisation after each split (so the
 * components stay broad and overlapping: run to convergence they are sharper, and told voices apart less well on
 * the development clips), deterministic for the same audio. Each component stands for a family of sounds (a vowel region, a fricative, …); a stretch of speech is then
 * described by where its frames fall within each component, which tells apart voices whose average spectrum is the
 * same but whose individual sounds sit a little higher or lower.
 */
final class Ubm {

    private static final int ITERATIONS_PER_SIZE = 4;
    private static final int MAX_TRAINING_FRAMES = 30_000;
    private static final double VARIANCE_FLOOR = 0.01;

    private final int dims;
    private final double[] weights;
    private final double[][] means;
    private final double[][] variances;
    private final double[] logNorm;

    private Ubm(double[] weights, double[][] means, double[][] variances) {
        this.dims = means[0].length;
        this.weights = weights;
        this.means = means;
        this.variances = variances;
        this.logNorm = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            double sum = Math.log(Math.max(weights[k], 1e-12));
            for (int d = 0; d < dims; d++) {
                sum -= 0.5 * Math.log(2 * Math.PI * variances[k][d]);
            }
            logNorm[k] = sum;
        }
    }

    int components() {
        return weights.length;
    }

    int dims() {
        return dims;
    }

    double weight(int k) {
        return weights[k];
    }

    double mean(int k, int d) {
        return means[k][d];
    }

    double variance(int k, int d) {
        return variances[k][d];
    }

    /** The log of component k's weight and of its Gaussian's normalising constant. */
    double logNorm(int k) {
        return logNorm[k];
    }

    /**
     * Trains on the given frames (at most 30,000 of them, evenly spaced, are used); {@code components} is rounded up
     * to a power of two. Returns null when there are too few frames to train on.
     */
    static Ubm train(List<float[]> frames, int components) {
        int total = frames.size();
        if (total < components * 20) {
            return null;
        }
        int stride = Math.max(1, total / MAX_TRAINING_FRAMES);
        int used = (total + stride - 1) / stride;
        double[][] data = new double[used][];
        for (int i = 0, j = 0; i < total && j < used; i += stride, j++) {
            float[] x = frames.get(i);
            data[j] = new double[x.length];
            for (int d = 0; d < x.length; d++) {
                data[j][d] = x[d];
            }
        }
        int dims = data[0].length;
        double[] globalMean = new double[dims];
        double[] globalVariance = new double[dims];
        for (double[] x : data) {
            for (int d = 0; d < dims; d++) {
                globalMean[d] += x[d];
                globalVariance[d] += x[d] * x[d];
            }
        }
        double[] floor = new double[dims];
        for (int d = 0; d < dims; d++) {
            globalMean[d] /= data.length;
            globalVariance[d] = Math.max(globalVariance[d] / data.length - globalMean[d] * globalMean[d], 1e-6);
            floor[d] = VARIANCE_FLOOR * globalVariance[d];
        }
        Ubm model = new Ubm(new double[] { 1 }, new double[][] { globalMean }, new double[][] { globalVariance });
        while (model.components() < components) {
            model = model.split();
            for (int i = 0; i < ITERATIONS_PER_SIZE; i++) {
                model = model.reestimate(data, floor);
            }
        }
        return model;
    }

    /** Every component becomes two, moved apart by a fifth of its spread in every dimension. */
    private Ubm split() {
        int k = weights.length;
        double[] w = new double[2 * k];
        double[][] m = new double[2 * k][dims];
        double[][] v = new double[2 * k][];
        for (int c = 0; c < k; c++) {
            for (int d = 0; d < dims; d++) {
                double offset = 0.2 * Math.sqrt(variances[c][d]);
                m[2 * c][d] = means[c][d] - offset;
                m[2 * c + 1][d] = means[c][d] + offset;
            }
            w[2 * c] = weights[c] / 2;
            w[2 * c + 1] = weights[c] / 2;
            v[2 * c] = variances[c].clone();
            v[2 * c + 1] = variances[c].clone();
        }
        return new Ubm(w, m, v);
    }

    private Ubm reestimate(double[][] data, double[] floor) {
        int k = weights.length;
        double[] n = new double[k];
        double[][] first = new double[k][dims];
        double[][] second = new double[k][dims];
        double[] posterior = new double[k];
        for (double[] x : data) {
            posteriors(x, posterior);
            for (int c = 0; c < k; c++) {
                double p = posterior[c];
                if (p < 1e-6) {
                    continue;
                }
                n[c] += p;
                for (int d = 0; d < dims; d++) {
                    first[c][d] += p * x[d];
                    second[c][d] += p * x[d] * x[d];
                }
            }
        }
        double[] w = new double[k];
        double[][] m = new double[k][dims];
        double[][] v = new double[k][dims];
        for (int c = 0; c < k; c++) {
            if (n[c] < 1e-3) {
                // An empty component keeps its place so the model stays the same size.
                w[c] = 1e-6;
                m[c] = means[c].clone();
                v[c] = variances[c].clone();
                continue;
            }
            w[c] = n[c] / data.length;
            for (int d = 0; d < dims; d++) {
                m[c][d] = first[c][d] / n[c];
                v[c][d] = Math.max(second[c][d] / n[c] - m[c][d] * m[c][d], floor[d]);
            }
        }
        return new Ubm(w, m, v);
    }

    /** Fills {@code posterior} with each component's share of frame {@code x}. */
    void posteriors(double[] x, double[] posterior) {
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < weights.length; c++) {
            double sum = logNorm[c];
            double[] mean = means[c];
            double[] variance = variances[c];
            for (int d = 0; d < dims; d++) {
                double diff = x[d] - mean[d];
                sum -= 0.5 * diff * diff / variance[d];
            }
            posterior[c] = sum;
            best = Math.max(best, sum);
        }
        double total = 0;
        for (int c = 0; c < weights.length; c++) {
            posterior[c] = Math.exp(posterior[c] - best);
            total += posterior[c];
        }
        for (int c = 0; c < weights.length; c++) {
            posterior[c] /= total;
        }
    }
}

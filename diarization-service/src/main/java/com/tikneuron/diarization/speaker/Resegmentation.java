package com.tikneuron.diarization.speaker;

import java.util.Arrays;

/**
 * Re-assignment of words to speakers by models of each speaker's voice, frame by frame: every speaker gets the
 * recording's background model ({@link Ubm}) with its component means adapted towards the speaker's own frames
 * (maximum a posteriori), plus a Gaussian of its log pitch; each word scores its frames under every speaker's model,
 * and a Viterbi pass over the words chooses the best sequence of speakers, paying a penalty for every change of
 * speaker. Unlike the distance of mean cepstra, the adapted models see where each of a voice's sounds sits, and every
 * frame counts, not the stretch's average.
 */
final class Resegmentation {

    // The frame's likelihood is taken over its most likely background components only (the rest add next to nothing).
    private static final int TOP_COMPONENTS = 4;
    private static final double PITCH_SPREAD_FLOOR = 0.04;

    private final Ubm ubm;
    private final AcousticFeatures features;
    private final int[][] wordFrames;
    private final double[][] frames;
    private final int[][] top;
    private final double[][] topPosteriors;

    /**
     * @param wordFrames per word, the frames that are its speech (indices into {@code features})
     */
    Resegmentation(AcousticFeatures features, Ubm ubm, int[][] wordFrames) {
        this.features = features;
        this.ubm = ubm;
        this.wordFrames = wordFrames;
        int total = features.frames();
        this.frames = new double[total][];
        this.top = new int[total][];
        this.topPosteriors = new double[total][];
        double[] posterior = new double[ubm.components()];
        for (int[] list : wordFrames) {
            for (int f : list) {
                if (frames[f] != null) {
                    continue;
                }
                float[] c = features.cepstra(f);
                double[] x = new double[ubm.dims()];
                for (int d = 0; d < x.length; d++) {
                    x[d] = c[d];
                }
                ubm.posteriors(x, posterior);
                int[] best = topIndices(posterior);
                double[] shares = new double[best.length];
                for (int j = 0; j < best.length; j++) {
                    shares[j] = posterior[best[j]];
                }
                frames[f] = x;
                top[f] = best;
                topPosteriors[f] = shares;
            }
        }
    }

    /** A speaker's voice: the background model's means adapted to its frames, and a Gaussian of its log pitch. */
    private record Model(double[] means, double pitchMean, double pitchVariance, boolean pitched) {
    }

    /** The model of the words whose label is {@code a} or {@code b} (the same label for one speaker). */
    private Model model(int[] speaker, int a, int b, double relevance) {
        int components = ubm.components();
        int dims = ubm.dims();
        double[] occupancy = new double[components];
        double[] firstOrder = new double[components * dims];
        double pitchSum = 0;
        double pitchSquares = 0;
        int pitchCount = 0;
        for (int i = 0; i < speaker.length; i++) {
            if (speaker[i] != a && speaker[i] != b) {
                continue;
            }
            for (int f : wordFrames[i]) {
                int[] best = top[f];
                for (int j = 0; j < best.length; j++) {
                    int k = best[j];
                    double p = topPosteriors[f][j];
                    occupancy[k] += p;
                    for (int d = 0; d < dims; d++) {
                        firstOrder[k * dims + d] += p * frames[f][d];
                    }
                }
                float pitch = features.logPitch(f);
                if (!Float.isNaN(pitch)) {
                    pitchSum += pitch;
                    pitchSquares += pitch * pitch;
                    pitchCount++;
                }
            }
        }
        double[] means = new double[components * dims];
        for (int k = 0; k < components; k++) {
            for (int d = 0; d < dims; d++) {
                means[k * dims + d] = (firstOrder[k * dims + d] + relevance * ubm.mean(k, d)) / (occupancy[k] + relevance);
            }
        }
        double pitchMean = pitchCount == 0 ? 0 : pitchSum / pitchCount;
        double pitchVariance = pitchCount == 0 ? 0 : pitchSquares / pitchCount - pitchMean * pitchMean;
        return new Model(means, pitchMean, Math.max(pitchVariance, PITCH_SPREAD_FLOOR * PITCH_SPREAD_FLOOR),
                pitchCount > 0);
    }

    /** The log likelihood of word i's frames under a speaker's model; pitch weighted by {@code pitchWeight}. */
    private double wordScore(int i, Model model, double pitchWeight, double[] perComponent) {
        double score = 0;
        for (int f : wordFrames[i]) {
            score += frameLogLikelihood(f, model.means(), perComponent);
            float pitch = features.logPitch(f);
            if (!Float.isNaN(pitch) && model.pitched()) {
                double diff = pitch - model.pitchMean();
                score += pitchWeight
                        * (-0.5 * diff * diff / model.pitchVariance() - 0.5 * Math.log(model.pitchVariance()));
            }
        }
        return score;
    }

    /**
     * One round: models from the current assignment, then the Viterbi pass. Speakers left without words disappear;
     * the labels stay 0, 1, … in order of their first word.
     *
     * @param penalty the cost of a change of speaker between two words, in nats of log likelihood
     * @param pitchWeight how much a voiced frame's pitch counts against its spectrum
     */
    int[] round(int[] speaker, double relevance, double penalty, double pitchWeight) {
        int n = speaker.length;
        int count = Arrays.stream(speaker).max().orElse(-1) + 1;
        Model[] models = new Model[count];
        for (int c = 0; c < count; c++) {
            models[c] = model(speaker, c, c, relevance);
        }
        double[][] emission = new double[n][count];
        double[] perComponent = new double[TOP_COMPONENTS];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < count; c++) {
                emission[i][c] = wordScore(i, models[c], pitchWeight, perComponent);
            }
        }
        return relabel(viterbi(emission, penalty, count), count);
    }

    /**
     * How much better speakers a and b are described by a model each than by one model of both: the generalised
     * likelihood ratio of the adapted models, per frame of the two. Near zero for one voice split in two.
     */
    double separation(int[] speaker, int a, int b, double relevance, double pitchWeight) {
        Model own = model(speaker, a, a, relevance);
        Model other = model(speaker, b, b, relevance);
        Model both = model(speaker, a, b, relevance);
        double[] perComponent = new double[TOP_COMPONENTS];
        double gain = 0;
        long frameCount = 0;
        for (int i = 0; i < speaker.length; i++) {
            if (speaker[i] != a && speaker[i] != b) {
                continue;
            }
            gain += wordScore(i, speaker[i] == a ? own : other, pitchWeight, perComponent)
                    - wordScore(i, both, pitchWeight, perComponent);
            frameCount += wordFrames[i].length;
        }
        return frameCount == 0 ? 0 : gain / frameCount;
    }

    /** The log likelihood of frame f under a mixture with the background's weights and spreads and these means. */
    private double frameLogLikelihood(int f, double[] means, double[] perComponent) {
        int[] best = top[f];
        double[] x = frames[f];
        int dims = x.length;
        double highest = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < best.length; j++) {
            int k = best[j];
            double sum = ubm.logNorm(k);
            for (int d = 0; d < dims; d++) {
                double diff = x[d] - means[k * dims + d];
                sum -= 0.5 * diff * diff / ubm.variance(k, d);
            }
            perComponent[j] = sum;
            highest = Math.max(highest, sum);
        }
        double total = 0;
        for (int j = 0; j < best.length; j++) {
            total += Math.exp(perComponent[j] - highest);
        }
        return highest + Math.log(total);
    }

    private static int[] viterbi(double[][] emission, double penalty, int count) {
        int n = emission.length;
        double[] score = emission[0].clone();
        int[][] from = new int[n][count];
        for (int i = 1; i < n; i++) {
            int leader = 0;
            for (int c = 1; c < count; c++) {
                if (score[c] > score[leader]) {
                    leader = c;
                }
            }
            double[] next = new double[count];
            for (int c = 0; c < count; c++) {
                double stay = score[c];
                double change = score[leader] - penalty;
                if (leader != c && change > stay) {
                    next[c] = change + emission[i][c];
                    from[i][c] = leader;
                } else {
                    next[c] = stay + emission[i][c];
                    from[i][c] = c;
                }
            }
            score = next;
        }
        int[] path = new int[n];
        int last = 0;
        for (int c = 1; c < count; c++) {
            if (score[c] > score[last]) {
                last = c;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            path[i] = last;
            last = from[i][last];
        }
        return path;
    }

    private static int[] relabel(int[] path, int count) {
        int[] label = new int[count];
        Arrays.fill(label, -1);
        int used = 0;
        int[] out = new int[path.length];
        for (int i = 0; i < path.length; i++) {
            if (label[path[i]] < 0) {
                label[path[i]] = used++;
            }
            out[i] = label[path[i]];
        }
        return out;
    }

    private static int[] topIndices(double[] posterior) {
        int size = Math.min(TOP_COMPONENTS, posterior.length);
        int[] best = new int[size];
        Arrays.fill(best, -1);
        for (int k = 0; k < posterior.length; k++) {
            for (int j = 0; j < size; j++) {
                if (best[j] < 0 || posterior[k] > posterior[best[j]]) {
                    System.arraycopy(best, j, best, j + 1, size - j - 1);
                    best[j] = k;
                    break;
                }
            }
        }
        return best;
    }
}

package com.tikneuron.diarization.speaker;

import java.util.Arrays;

/**
 * Pooled features of some stretch of speech, mergeable: the mean cepstrum, the pitch values and, when the recording
 * has a background model, how its frames fall into the model's components.
 */
final class VoiceStats {

    private final double[] sum = new double[AcousticFeatures.CEPSTRA];
    private float[] pitches = new float[16];
    private int pitchCount;
    private int frames;
    private double seconds;
    // Per component of the recording's background model: the frames' shares (occupancy) and their sums.
    private double[] occupancy;
    private double[] firstOrder;

    void add(AcousticFeatures features, int frame, Ubm ubm) {
        float[] c = features.cepstra(frame);
        for (int k = 0; k < sum.length; k++) {
            sum[k] += c[k];
        }
        if (ubm != null) {
            int components = ubm.components();
            int dims = ubm.dims();
            if (occupancy == null) {
                occupancy = new double[components];
                firstOrder = new double[components * dims];
            }
            double[] x = new double[dims];
            for (int d = 0; d < dims; d++) {
                x[d] = c[d];
            }
            double[] posterior = new double[components];
            ubm.posteriors(x, posterior);
            for (int k = 0; k < components; k++) {
                double p = posterior[k];
                if (p < 1e-4) {
                    continue;
                }
                occupancy[k] += p;
                for (int d = 0; d < dims; d++) {
                    firstOrder[k * dims + d] += p * x[d];
                }
            }
        }
        frames++;
        float pitch = features.logPitch(frame);
        if (!Float.isNaN(pitch)) {
            if (pitchCount == pitches.length) {
                pitches = Arrays.copyOf(pitches, pitches.length * 2);
            }
            pitches[pitchCount++] = pitch;
        }
    }

    void addSeconds(double duration) {
        seconds += duration;
    }

    void merge(VoiceStats other) {
        for (int k = 0; k < sum.length; k++) {
            sum[k] += other.sum[k];
        }
        frames += other.frames;
        seconds += other.seconds;
        if (other.occupancy != null) {
            if (occupancy == null) {
                occupancy = new double[other.occupancy.length];
                firstOrder = new double[other.firstOrder.length];
            }
            for (int k = 0; k < occupancy.length; k++) {
                occupancy[k] += other.occupancy[k];
            }
            for (int i = 0; i < firstOrder.length; i++) {
                firstOrder[i] += other.firstOrder[i];
            }
        }
        if (pitchCount + other.pitchCount > pitches.length) {
            pitches = Arrays.copyOf(pitches, pitchCount + other.pitchCount);
        }
        System.arraycopy(other.pitches, 0, pitches, pitchCount, other.pitchCount);
        pitchCount += other.pitchCount;
    }

    static VoiceStats union(VoiceStats a, VoiceStats b) {
        VoiceStats both = new VoiceStats();
        both.merge(a);
        both.merge(b);
        return both;
    }

    int frames() {
        return frames;
    }

    int voicedFrames() {
        return pitchCount;
    }

    double seconds() {
        return seconds;
    }

    double mean(int k) {
        return frames == 0 ? 0 : sum[k] / frames;
    }

    /**
     * How far apart two stretches sit within the background model's components: each component's mean is adapted
     * towards the stretch's own frames (maximum a posteriori, so a component with few frames stays near the
     * background), and the adapted means are compared in units of the component's spread, weighted by its share.
     * Averaged over the dimensions. Zero when either has no statistics. It sees differences within the sounds both
     * stretches make; stretches whose frames fall in different components hardly differ by it, which is why the
     * stage asks it only about clusters of nearly the same pitch and takes its ordinary distance for the rest.
     */
    static double adaptedDistance(VoiceStats a, VoiceStats b, Ubm ubm, double relevance) {
        if (ubm == null || a.occupancy == null || b.occupancy == null) {
            return 0;
        }
        int dims = ubm.dims();
        double total = 0;
        for (int k = 0; k < ubm.components(); k++) {
            double na = a.occupancy[k];
            double nb = b.occupancy[k];
            double sum = 0;
            for (int d = 0; d < dims; d++) {
                double mean = ubm.mean(k, d);
                double shiftA = (a.firstOrder[k * dims + d] - na * mean) / (na + relevance);
                double shiftB = (b.firstOrder[k * dims + d] - nb * mean) / (nb + relevance);
                double diff = shiftA - shiftB;
                sum += diff * diff / ubm.variance(k, d);
            }
            total += ubm.weight(k) * sum;
        }
        return total / dims;
    }

    /** The median log pitch, or NaN without voiced frames. */
    double medianPitch() {
        if (pitchCount == 0) {
            return Double.NaN;
        }
        float[] sorted = Arrays.copyOf(pitches, pitchCount);
        Arrays.sort(sorted);
        return sorted[pitchCount / 2];
    }
}

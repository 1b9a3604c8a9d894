package com.tikneuron.diarization.speaker;

import java.util.Arrays;

/** Pooled features of some stretch of speech: the mean cepstrum and the pitch values, mergeable. */
final class VoiceStats {

    private final double[] sum = new double[AcousticFeatures.CEPSTRA];
    private float[] pitches = new float[16];
    private int pitchCount;
    private int frames;
    private double seconds;

    void add(AcousticFeatures features, int frame) {
        float[] c = features.cepstra(frame);
        for (int k = 0; k < sum.length; k++) {
            sum[k] += c[k];
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

package com.tikneuron.diarization.audio;

import com.tikneuron.diarization.engine.Audio;
import com.tikneuron.diarization.speaker.AcousticFeatures;

/**
 * Prepares audio for speech recognition: when a steady background such as music plays under the speech, subtracts
 * that background's average spectrum (spectral subtraction, 32 ms frames at half overlap). The background is learnt
 * from the quietest 15 % of the frames, where nobody speaks; a recording whose quiet stretches are near silence
 * (below -65 dBFS) is returned unchanged, so clean speech never pays for it.
 */
public final class SpeechConditioner {

    private static final int FFT = 512;
    private static final int HOP = FFT / 2;
    private static final int BINS = FFT / 2 + 1;
    // The quietest share of the frames describes the background.
    private static final double QUIET_SHARE = 0.15;
    // Backgrounds quieter than this (dB relative to full scale, per sample) are left alone.
    private static final double BACKGROUND_FLOOR_DB = -65;

    /**
     * How the background is taken out: its spectrum is subtracted {@code oversubtraction} times (more than once,
     * since the average underestimates the loud moments of music), and no frequency is attenuated below
     * {@code spectralFloor} of its amplitude (deeper cuts leave "musical noise" the recogniser mistakes for speech).
     */
    public record Settings(double oversubtraction, double spectralFloor) {
    }

    /** Tuned on the development clips with music. */
    public static final Settings DEFAULTS = new Settings(3.0, 0.1);

    private final double oversubtraction;
    private final double spectralFloor;

    public SpeechConditioner(Settings settings) {
        this.oversubtraction = settings.oversubtraction();
        this.spectralFloor = settings.spectralFloor();
    }

    public Audio condition(Audio audio) {
        short[] samples = audio.samples();
        int frames = samples.length < FFT ? 0 : (samples.length - FFT) / HOP + 1;
        if (frames < 20) {
            return audio;
        }
        double[] window = new double[FFT];
        for (int i = 0; i < FFT; i++) {
            // Square root of a periodic Hann window, on analysis and synthesis: at half overlap the two sum to one.
            window[i] = Math.sqrt(0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT));
        }
        double[] energy = new double[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = 0; i < FFT; i++) {
                double x = samples[f * HOP + i] / 32768.0;
                sum += x * x;
            }
            energy[f] = sum / FFT;
        }
        double[] sorted = energy.clone();
        java.util.Arrays.sort(sorted);
        double quiet = sorted[(int) (frames * QUIET_SHARE)];
        if (10 * Math.log10(quiet + 1e-20) <= BACKGROUND_FLOOR_DB) {
            return audio;
        }
        double[] re = new double[FFT];
        double[] im = new double[FFT];
        double[] noise = new double[BINS];
        int quietFrames = 0;
        for (int f = 0; f < frames; f++) {
            if (energy[f] <= quiet) {
                spectrum(samples, f * HOP, window, re, im);
                for (int k = 0; k < BINS; k++) {
                    noise[k] += re[k] * re[k] + im[k] * im[k];
                }
                quietFrames++;
            }
        }
        for (int k = 0; k < BINS; k++) {
            noise[k] /= quietFrames;
        }
        double[] out = new double[samples.length];
        for (int f = 0; f < frames; f++) {
            int offset = f * HOP;
            spectrum(samples, offset, window, re, im);
            for (int k = 0; k < BINS; k++) {
                double power = re[k] * re[k] + im[k] * im[k];
                double gain = k == 0 || power <= 0 ? 0
                        : Math.max(spectralFloor, Math.sqrt(Math.max(0, 1 - oversubtraction * noise[k] / power)));
                re[k] *= gain;
                im[k] *= gain;
                if (k > 0 && k < FFT / 2) {
                    re[FFT - k] = re[k];
                    im[FFT - k] = -im[k];
                }
            }
            // Inverse transform through the forward one: conjugate, transform, conjugate, scale.
            for (int i = 0; i < FFT; i++) {
                im[i] = -im[i];
            }
            AcousticFeatures.fft(re, im);
            for (int i = 0; i < FFT; i++) {
                out[offset + i] += re[i] / FFT * window[i];
            }
        }
        short[] conditioned = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            conditioned[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(out[i] * 32768)));
        }
        return new Audio(conditioned);
    }

    private static void spectrum(short[] samples, int offset, double[] window, double[] re, double[] im) {
        for (int i = 0; i < FFT; i++) {
            re[i] = samples[offset + i] / 32768.0 * window[i];
            im[i] = 0;
        }
        AcousticFeatures.fft(re, im);
    }
}

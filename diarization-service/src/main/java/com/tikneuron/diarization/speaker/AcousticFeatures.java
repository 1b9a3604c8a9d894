package com.tikneuron.diarization.speaker;

import com.tikneuron.diarization.engine.Audio;

/**
 * Per-frame acoustic features of 16 kHz audio, 100 frames a second: loudness, mel cepstra (the shape of the
 * vocal tract) and pitch (the voice's fundamental frequency). Speaker identity lives in the last two.
 */
public final class AcousticFeatures {

    public static final int FRAMES_PER_SECOND = 100;
    static final int CEPSTRA = 12;
    private static final int HOP = Audio.SAMPLE_RATE / FRAMES_PER_SECOND;
    private static final int WINDOW = 400;
    private static final int FFT = 512;
    private static final int MEL_BANDS = 24;
    private static final double LOW_HZ = 80;
    private static final double HIGH_HZ = 7_600;
    // Pitch needs a longer window than the spectrum: two periods of a 70 Hz voice.
    private static final int PITCH_WINDOW = 640;
    private static final int MIN_LAG = Audio.SAMPLE_RATE / 400;
    private static final int MAX_LAG = Audio.SAMPLE_RATE / 70;
    private static final double VOICING = 0.55;

    private final float[][] cepstra;
    private final float[] energyDb;
    private final float[] logPitch;

    private AcousticFeatures(float[][] cepstra, float[] energyDb, float[] logPitch) {
        this.cepstra = cepstra;
        this.energyDb = energyDb;
        this.logPitch = logPitch;
    }

    public int frames() {
        return energyDb.length;
    }

    float[] cepstra(int frame) {
        return cepstra[frame];
    }

    float energyDb(int frame) {
        return energyDb[frame];
    }

    /** Natural log of the pitch in Hz, or NaN for an unvoiced or silent frame. */
    float logPitch(int frame) {
        return logPitch[frame];
    }

    public static AcousticFeatures of(short[] samples) {
        int frames = samples.length < WINDOW ? 0 : (samples.length - WINDOW) / HOP + 1;
        float[] signal = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            signal[i] = samples[i] / 32768f;
        }
        double[] hamming = new double[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            hamming[i] = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (WINDOW - 1));
        }
        double[][] mel = melFilters();
        double[][] dct = dctMatrix();
        float[][] cepstra = new float[frames][];
        float[] energyDb = new float[frames];
        float[] logPitch = new float[frames];
        double[] re = new double[FFT];
        double[] im = new double[FFT];
        double[] bands = new double[MEL_BANDS];
        for (int f = 0; f < frames; f++) {
            int offset = f * HOP;
            java.util.Arrays.fill(re, 0);
            java.util.Arrays.fill(im, 0);
            double energy = 1e-10;
            double previous = offset > 0 ? signal[offset - 1] : 0;
            for (int i = 0; i < WINDOW; i++) {
                double x = signal[offset + i];
                energy += x * x;
                re[i] = (x - 0.97 * previous) * hamming[i];
                previous = x;
            }
            energyDb[f] = (float) (10 * Math.log10(energy / WINDOW));
            fft(re, im);
            for (int b = 0; b < MEL_BANDS; b++) {
                double sum = 1e-10;
                double[] weights = mel[b];
                for (int k = 0; k < weights.length; k++) {
                    if (weights[k] != 0) {
                        sum += weights[k] * (re[k] * re[k] + im[k] * im[k]);
                    }
                }
                bands[b] = Math.log(sum);
            }
            float[] c = new float[CEPSTRA];
            for (int k = 0; k < CEPSTRA; k++) {
                double sum = 0;
                for (int b = 0; b < MEL_BANDS; b++) {
                    sum += dct[k][b] * bands[b];
                }
                c[k] = (float) sum;
            }
            cepstra[f] = c;
            logPitch[f] = pitch(signal, offset + WINDOW / 2);
        }
        return new AcousticFeatures(cepstra, energyDb, logPitch);
    }

    /** Normalised autocorrelation: the lag where the signal best repeats itself is one pitch period. */
    private static float pitch(float[] signal, int centre) {
        int start = centre - PITCH_WINDOW / 2;
        if (start < 0 || start + PITCH_WINDOW > signal.length) {
            return Float.NaN;
        }
        double power = 0;
        for (int i = 0; i < PITCH_WINDOW; i++) {
            power += signal[start + i] * signal[start + i];
        }
        if (power / PITCH_WINDOW < 1e-6) {
            return Float.NaN;
        }
        double best = 0;
        int bestLag = -1;
        double[] scores = new double[MAX_LAG + 1];
        for (int lag = MIN_LAG; lag <= MAX_LAG; lag++) {
            double cross = 0;
            double head = 0;
            double tail = 0;
            int length = PITCH_WINDOW - lag;
            for (int i = 0; i < length; i++) {
                float a = signal[start + i];
                float b = signal[start + i + lag];
                cross += a * b;
                head += a * a;
                tail += b * b;
            }
            double score = cross / Math.sqrt(head * tail + 1e-12);
            scores[lag] = score;
            if (score > best) {
                best = score;
                bestLag = lag;
            }
        }
        if (best < VOICING || bestLag < 0) {
            return Float.NaN;
        }
        // A strong peak at half the lag means the chosen one is a double period (an octave too low).
        int half = bestLag / 2;
        if (half >= MIN_LAG && Math.max(scores[half], Math.max(scores[half - 1 >= MIN_LAG ? half - 1 : half],
                scores[half + 1])) > 0.9 * best) {
            bestLag = half;
        }
        return (float) Math.log(Audio.SAMPLE_RATE / (double) bestLag);
    }

    private static double[][] melFilters() {
        double lowMel = toMel(LOW_HZ);
        double highMel = toMel(HIGH_HZ);
        double[] edges = new double[MEL_BANDS + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = fromMel(lowMel + (highMel - lowMel) * i / (MEL_BANDS + 1)) * FFT / Audio.SAMPLE_RATE;
        }
        double[][] filters = new double[MEL_BANDS][FFT / 2 + 1];
        for (int b = 0; b < MEL_BANDS; b++) {
            for (int k = 0; k <= FFT / 2; k++) {
                double rise = (k - edges[b]) / (edges[b + 1] - edges[b]);
                double fall = (edges[b + 2] - k) / (edges[b + 2] - edges[b + 1]);
                filters[b][k] = Math.max(0, Math.min(rise, fall));
            }
        }
        return filters;
    }

    /** DCT-II rows 1..12: row 0 is overall loudness, which says nothing about who speaks. */
    private static double[][] dctMatrix() {
        double[][] dct = new double[CEPSTRA][MEL_BANDS];
        for (int k = 0; k < CEPSTRA; k++) {
            for (int b = 0; b < MEL_BANDS; b++) {
                dct[k][b] = Math.sqrt(2.0 / MEL_BANDS) * Math.cos(Math.PI * (k + 1) * (b + 0.5) / MEL_BANDS);
            }
        }
        return dct;
    }

    private static double toMel(double hz) {
        return 1127 * Math.log(1 + hz / 700);
    }

    private static double fromMel(double mel) {
        return 700 * (Math.exp(mel / 1127) - 1);
    }

    /** In-place iterative radix-2 FFT. */
    public static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int length = 2; length <= n; length <<= 1) {
            double angle = -2 * Math.PI / length;
            double wRe = Math.cos(angle);
            double wIm = Math.sin(angle);
            for (int i = 0; i < n; i += length) {
                double uRe = 1;
                double uIm = 0;
                for (int j = 0; j < length / 2; j++) {
                    int a = i + j;
                    int b = a + length / 2;
                    double vRe = re[b] * uRe - im[b] * uIm;
                    double vIm = re[b] * uIm + im[b] * uRe;
                    re[b] = re[a] - vRe;
                    im[b] = im[a] - vIm;
                    re[a] += vRe;
                    im[a] += vIm;
                    double next = uRe * wRe - uIm * wIm;
                    uIm = uRe * wIm + uIm * wRe;
                    uRe = next;
                }
            }
        }
    }
}

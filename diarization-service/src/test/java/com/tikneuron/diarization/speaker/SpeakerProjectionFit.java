package com.tikneuron.diarization.speaker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

import com.tikneuron.diarization.speech.RecognizedWord;

/**
 * Fits the {@link SpeakerProjection} (linear discriminant analysis) on recordings whose speakers are known: each
 * speaker's speech inside recognised words is cut into chunks of {@link #CHUNK_FRAMES} loud frames, a chunk is its
 * mean cepstrum in units of the recording's spread (centred on the recording's mean), and the directions are those
 * along which the speakers' means spread the most against the spread of one speaker's chunks. A tuning tool: run on
 * the development set only ({@code SpeakerTuning -Dtuning.fit}).
 */
public final class SpeakerProjectionFit {

    static final int CHUNK_FRAMES = 150;

    private final int dims = AcousticFeatures.CEPSTRA;
    private final double[][] within = new double[dims][dims];
    private final double[][] between = new double[dims][dims];
    private long chunks;
    private int speakers;

    /**
     * One recording: its features, its recognised words and its reference turns as {speaker, start, end}.
     */
    public void add(AcousticFeatures features, List<RecognizedWord> words, List<double[]> turns) {
        boolean[] speech = SpeakerStage.voiceActivity(features);
        double[] scale = SpeakerStage.cepstralScale(features, speech, words);
        boolean[] inWord = new boolean[features.frames()];
        double[] centre = new double[dims];
        long loud = 0;
        for (RecognizedWord word : words) {
            int from = Math.max(0, (int) Math.floor(word.start() * AcousticFeatures.FRAMES_PER_SECOND));
            int to = Math.min(features.frames(), (int) Math.ceil(word.end() * AcousticFeatures.FRAMES_PER_SECOND));
            for (int f = from; f < to; f++) {
                if (speech[f] && !inWord[f]) {
                    inWord[f] = true;
                    float[] c = features.cepstra(f);
                    for (int k = 0; k < dims; k++) {
                        centre[k] += c[k];
                    }
                    loud++;
                }
            }
        }
        if (loud == 0) {
            return;
        }
        for (int k = 0; k < dims; k++) {
            centre[k] /= loud;
        }
        int count = turns.stream().mapToInt(t -> (int) t[0]).max().orElse(-1) + 1;
        for (int s = 0; s < count; s++) {
            List<double[]> means = new ArrayList<>();
            double[] sum = new double[dims];
            int inChunk = 0;
            for (int f = 0; f < inWord.length; f++) {
                if (!inWord[f] || speakerAt(turns, f / (double) AcousticFeatures.FRAMES_PER_SECOND) != s) {
                    continue;
                }
                float[] c = features.cepstra(f);
                for (int k = 0; k < dims; k++) {
                    sum[k] += (c[k] - centre[k]) / scale[k];
                }
                if (++inChunk == CHUNK_FRAMES) {
                    for (int k = 0; k < dims; k++) {
                        sum[k] /= CHUNK_FRAMES;
                    }
                    means.add(sum);
                    sum = new double[dims];
                    inChunk = 0;
                }
            }
            if (means.size() < 2) {
                continue;
            }
            double[] mean = new double[dims];
            for (double[] m : means) {
                for (int k = 0; k < dims; k++) {
                    mean[k] += m[k] / means.size();
                }
            }
            for (double[] m : means) {
                accumulate(within, m, mean, 1);
            }
            accumulate(between, mean, new double[dims], means.size());
            chunks += means.size();
            speakers++;
        }
    }

    private static int speakerAt(List<double[]> turns, double time) {
        for (double[] turn : turns) {
            if (time >= turn[1] && time < turn[2]) {
                return (int) turn[0];
            }
        }
        return -1;
    }

    private void accumulate(double[][] scatter, double[] x, double[] mean, double weight) {
        for (int i = 0; i < dims; i++) {
            for (int j = 0; j < dims; j++) {
                scatter[i][j] += weight * (x[i] - mean[i]) * (x[j] - mean[j]);
            }
        }
    }

    /** The directions, most discriminating first, each scaled to one unit of within-speaker spread. */
    public Result fit() {
        RealMatrix sw = new Array2DRowRealMatrix(within).scalarMultiply(1.0 / chunks);
        RealMatrix sb = new Array2DRowRealMatrix(between).scalarMultiply(1.0 / chunks);
        RealMatrix lower = new CholeskyDecomposition(sw).getL();
        RealMatrix lowerInverse = MatrixUtils.inverse(lower);
        RealMatrix whitened = lowerInverse.multiply(sb).multiply(lowerInverse.transpose());
        // Symmetrise against rounding before the symmetric eigen-decomposition.
        whitened = whitened.add(whitened.transpose()).scalarMultiply(0.5);
        EigenDecomposition eigen = new EigenDecomposition(whitened);
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[dims];
        for (int i = 0; i < dims; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[][] rows = new double[dims][];
        double[] sorted = new double[dims];
        for (int r = 0; r < dims; r++) {
            RealMatrix u = MatrixUtils.createColumnRealMatrix(eigen.getEigenvector(order[r]).toArray());
            rows[r] = lowerInverse.transpose().multiply(u).getColumn(0);
            sorted[r] = values[order[r]];
        }
        return new Result(rows, sorted, speakers, chunks);
    }

    /** The fitted directions with their ratios of between- to within-speaker spread. */
    public record Result(double[][] rows, double[] ratios, int speakers, long chunks) {

        public void write(Path file, String provenance) throws IOException {
            StringBuilder text = new StringBuilder();
            text.append("# Speaker projection: linear discriminant directions over the ").append(AcousticFeatures.CEPSTRA)
                    .append(" mel cepstra (SpeakerProjection).\n");
            text.append("# ").append(provenance).append('\n');
            text.append(String.format(Locale.ROOT, "# %d speakers, %d chunks of %d loud frames; between/within ratio per row:%n",
                    speakers, chunks, CHUNK_FRAMES));
            text.append('#');
            for (double ratio : ratios) {
                text.append(String.format(Locale.ROOT, " %.3f", ratio));
            }
            text.append('\n');
            for (double[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (double v : row) {
                    line.append(line.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.6f", v));
                }
                text.append(line).append('\n');
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
    }
}

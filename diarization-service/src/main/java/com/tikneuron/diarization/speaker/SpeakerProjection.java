package com.tikneuron.diarization.speaker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A linear map of a stretch's mean cepstrum (in units of the recording's own spread) onto directions in which voices
 * differ more than one voice's stretches differ among themselves: linear discriminant analysis, fitted on the
 * development sets' voices by {@code SpeakerProjectionFit} (a tuning tool in the tests), never on the held-out set.
 * Each row is one direction, scaled so that one voice's stretches of about a second and a half spread by one unit
 * along it; the rows come most discriminating first.
 */
final class SpeakerProjection {

    static final String RESOURCE = "speaker/projection.txt";

    private final double[][] rows;

    SpeakerProjection(double[][] rows) {
        for (double[] row : rows) {
            if (row.length != AcousticFeatures.CEPSTRA) {
                throw new IllegalArgumentException("a direction has " + row.length + " components, not "
                        + AcousticFeatures.CEPSTRA);
            }
        }
        this.rows = rows;
    }

    int dimensions() {
        return rows.length;
    }

    /** The squared length of the difference {@code d} (one value per cepstral coefficient) once projected. */
    double squaredLength(double[] d) {
        double total = 0;
        for (double[] row : rows) {
            double y = 0;
            for (int k = 0; k < row.length; k++) {
                y += row[k] * d[k];
            }
            total += y * y;
        }
        return total;
    }

    /** The first {@code dimensions} directions of the fitted projection shipped with the service. */
    static SpeakerProjection shipped(int dimensions) {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = SpeakerProjection.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] values = trimmed.split("\\s+");
                double[] row = new double[values.length];
                for (int k = 0; k < values.length; k++) {
                    row[k] = Double.parseDouble(values[k]);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (dimensions < 1 || dimensions > rows.size()) {
            throw new IllegalArgumentException("the projection has " + rows.size() + " directions, not " + dimensions);
        }
        return new SpeakerProjection(rows.subList(0, dimensions).toArray(double[][]::new));
    }
}

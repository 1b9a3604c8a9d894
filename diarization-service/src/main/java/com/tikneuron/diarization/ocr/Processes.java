package com.tikneuron.diarization.ocr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external tool (ffmpeg, ffprobe, tesseract) with a deadline and a cap on what it may print, and kills it
 * when either is passed. A tool that crashes takes only its own process with it.
 */
final class Processes {

    /** What a finished process printed on its standard output, and how it exited. */
    record Result(int exitCode, byte[] output) {
    }

    private Processes() {
    }

    static Result run(List<String> command, Map<String, String> environment, Duration timeout, long maxOutput,
            String what) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new OcrFailedException("Reading the post's text took too long");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(what + " cannot be started (is it installed?)", e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> read(process.getInputStream(), output, maxOutput));
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new OcrFailedException("Reading the post's text took too long");
            }
            reader.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new OcrFailedException("Reading the post's text was interrupted");
        } catch (IOException e) {
            process.destroyForcibly();
            throw new IllegalStateException(what + " could not be run", e);
        }
        synchronized (output) {
            return new Result(process.exitValue(), output.toByteArray());
        }
    }

    /** Stops keeping output past the cap, but drains the pipe so the tool is never blocked on it. */
    private static void read(InputStream in, ByteArrayOutputStream output, long maxOutput) {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            for (int read; (read = in.read(buffer)) >= 0;) {
                synchronized (output) {
                    int keep = (int) Math.max(0, Math.min(read, maxOutput - output.size()));
                    output.write(buffer, 0, keep);
                }
            }
        } catch (IOException e) {
            // the process ended or was killed
        }
    }
}

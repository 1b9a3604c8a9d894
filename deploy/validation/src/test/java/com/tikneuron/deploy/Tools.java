package com.tikneuron.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Finds the external tools (kubectl, promtool) through deploy/scripts/tools.sh and runs them with a time limit. */
final class Tools {

    static final Path DEPLOY = Path.of(System.getProperty("tikneuron.deploy.dir", "..")).toAbsolutePath().normalize();
    static final Path BUILD = Path.of(System.getProperty("tikneuron.build.dir", "target")).toAbsolutePath().normalize();

    private static Path kubectl;
    private static Path promtool;

    private Tools() {
    }

    record Result(int exit, String out, String err) {
    }

    static synchronized Path kubectl() {
        if (kubectl == null) {
            kubectl = locate("kubectl");
        }
        return kubectl;
    }

    static synchronized Path promtool() {
        if (promtool == null) {
            promtool = locate("promtool");
        }
        return promtool;
    }

    /** A missing tool fails the build: the checks must never be skipped quietly. */
    private static Path locate(String tool) {
        Result found = run(List.of("bash", DEPLOY.resolve("scripts/tools.sh").toString(), tool), Duration.ofMinutes(5));
        if (found.exit() != 0) {
            throw new IllegalStateException("cannot provide " + tool + ": " + found.err());
        }
        Path path = Path.of(found.out().strip());
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(tool + " is not executable at " + path);
        }
        return path;
    }

    static Result run(List<String> command, Duration limit) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + limit + ": " + command);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.tikneuron.diarization.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the system's espeak-ng, sox and ffmpeg; a missing tool fails loudly with what to install. */
public final class Tools {

    private Tools() {
    }

    /** The Debian package that installs a tool. */
    private static String debianPackage(String tool) {
        return switch (tool) {
            case "tesseract" -> "tesseract-ocr";
            case "ffprobe" -> "ffmpeg";
            case "text2wave" -> "festival festvox-kdlpc16k";
            default -> tool;
        };
    }

    /** Fails with an install hint unless every tool named is on the PATH. */
    public static void require(String... tools) {
        List<String> missing = new ArrayList<>();
        for (String tool : tools) {
            if (!onPath(tool)) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing " + String.join(", ", missing) + ": install them with `apt-get install -y "
                    + String.join(" ", missing.stream().map(Tools::debianPackage).toList()) + "`");
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command to completion and returns its standard output; a non-zero exit fails. */
    public static byte[] run(List<String> command) {
        try {
            Path errors = Files.createTempFile("tool", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
                process.getOutputStream().close();
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command.getFirst() + " did not finish");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(command + " failed: " + Files.readString(errors));
                }
                return out;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

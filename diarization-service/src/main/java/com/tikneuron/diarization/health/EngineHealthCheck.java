package com.tikneuron.diarization.health;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.tikneuron.diarization.config.DiarizationConfig;
import com.tikneuron.diarization.engine.DiarizationEngine;
import com.tikneuron.diarization.speech.VoskTranscriber;

/** Ready when the engine can work: ffmpeg on the PATH and, for the built-in engine, the speech model on disk. */
@Readiness
@ApplicationScoped
public class EngineHealthCheck implements HealthCheck {

    private final DiarizationConfig config;
    private final DiarizationEngine engine;
    private final VoskTranscriber transcriber;

    public EngineHealthCheck(DiarizationConfig config, DiarizationEngine engine, VoskTranscriber transcriber) {
        this.config = config;
        this.engine = engine;
        this.transcriber = transcriber;
    }

    @Override
    public HealthCheckResponse call() {
        boolean ffmpeg = executable(config.ffmpeg());
        boolean model = !"builtin".equals(config.engine()) || transcriber.modelPresent();
        return HealthCheckResponse.named("diarization-engine")
                .status(ffmpeg && model)
                .withData("engine", engine.id())
                .withData("ffmpeg", ffmpeg)
                .withData("model", model)
                .build();
    }

    private static boolean executable(String command) {
        if (command.contains(File.separator)) {
            return Files.isExecutable(Path.of(command));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}

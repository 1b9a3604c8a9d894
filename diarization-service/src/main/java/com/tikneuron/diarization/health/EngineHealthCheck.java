package com.tikneuron.diarization.health;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.tikneuron.diarization.config.DiarizationConfig;
import com.tikneuron.diarization.config.SpeechConfig;
import com.tikneuron.diarization.engine.DiarizationEngine;
import com.tikneuron.diarization.speech.VoskTranscriber;

/**
 * Ready when the engines can work: ffmpeg on the PATH and, when the built-in diarization or speech engine is
 * configured, the speech model on disk.
 */
@Readiness
@ApplicationScoped
public class EngineHealthCheck implements HealthCheck {

    private final DiarizationConfig config;
    private final SpeechConfig speech;
    private final DiarizationEngine engine;
    private final VoskTranscriber transcriber;

    public EngineHealthCheck(DiarizationConfig config, SpeechConfig speech, DiarizationEngine engine,
            VoskTranscriber transcriber) {
        this.config = config;
        this.speech = speech;
        this.engine = engine;
        this.transcriber = transcriber;
    }

    @Override
    public HealthCheckResponse call() {
        boolean ffmpeg = executable(config.ffmpeg());
        boolean needsModel = "builtin".equals(config.engine()) || "builtin".equals(speech.engine());
        boolean model = !needsModel || transcriber.modelPresent();
        return HealthCheckResponse.named("diarization-engine")
                .status(ffmpeg && model)
                .withData("engine", engine.id())
                .withData("speech-engine", speech.engine())
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

package com.tikneuron.diarization.engine;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import com.tikneuron.diarization.audio.SpeechConditioner;
import com.tikneuron.diarization.config.DiarizationConfig;
import com.tikneuron.diarization.speaker.SpeakerStage;
import com.tikneuron.diarization.speech.VoskTranscriber;

/** Chooses the engine from configuration alone: tikneuron.diarization.engine=builtin|remote. */
@ApplicationScoped
public class EngineProducer {

    @Produces
    @Singleton
    VoskTranscriber transcriber(DiarizationConfig config) {
        return new VoskTranscriber(Path.of(config.vosk().modelPath()));
    }

    /** Frees the native model when the application stops. */
    void closeTranscriber(@Disposes VoskTranscriber transcriber) {
        transcriber.close();
    }

    @Produces
    @Singleton
    DiarizationEngine engine(DiarizationConfig config, VoskTranscriber transcriber) {
        return switch (config.engine()) {
            case "builtin" -> new BuiltInEngine(transcriber, new SpeechConditioner(SpeechConditioner.DEFAULTS),
                    new SpeakerStage(SpeakerStage.DEFAULTS));
            case "remote" -> {
                DiarizationConfig.Remote remote = config.remote();
                String url = remote.url().filter(value -> !value.isBlank()).orElseThrow(() -> new IllegalStateException(
                        "tikneuron.diarization.engine=remote needs TIKNEURON_DIARIZATION_URL"));
                yield new RemoteEngine(url, remote.apiKey().orElse(null), remote.protocol(), remote.model(), remote.timeout());
            }
            default -> throw new IllegalStateException("tikneuron.diarization.engine must be builtin or remote");
        };
    }
}

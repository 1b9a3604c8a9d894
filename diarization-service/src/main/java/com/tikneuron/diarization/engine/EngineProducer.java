package com.tikneuron.diarization.engine;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import com.tikneuron.diarization.audio.SileroVad;
import com.tikneuron.diarization.audio.SpeechConditioner;
import com.tikneuron.diarization.client.TranscriptionsClient;
import com.tikneuron.diarization.config.DiarizationConfig;
import com.tikneuron.diarization.config.SpeechConfig;
import com.tikneuron.diarization.speaker.SpeakerStage;
import com.tikneuron.diarization.speech.BuiltInSpeechEngine;
import com.tikneuron.diarization.speech.RemoteSpeechEngine;
import com.tikneuron.diarization.speech.SpeechEngine;
import com.tikneuron.diarization.speech.VoskTranscriber;

/**
 * Chooses the engines from configuration alone: tikneuron.speech.engine=builtin|remote for transcription,
 * tikneuron.diarization.engine=builtin|remote for who spoke when.
 */
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
    SpeechEngine speechEngine(SpeechConfig config, VoskTranscriber transcriber, TranscriptionsClient client) {
        return switch (config.engine()) {
            case "builtin" -> new BuiltInSpeechEngine(transcriber, new SpeechConditioner(SpeechConditioner.DEFAULTS),
                    config.builtin().minConfidence());
            case "remote" -> {
                config.remote().baseUrl().filter(value -> !value.isBlank()).orElseThrow(() -> new IllegalStateException(
                        "tikneuron.speech.engine=remote needs TIKNEURON_SPEECH_BASE_URL"));
                yield new RemoteSpeechEngine(client, config.remote());
            }
            default -> throw new IllegalStateException("tikneuron.speech.engine must be builtin or remote");
        };
    }

    @Produces
    @Singleton
    DiarizationEngine engine(DiarizationConfig config, SpeechEngine speech) {
        return switch (config.engine()) {
            case "builtin" -> new BuiltInEngine(new SpeakerStage(SpeakerStage.DEFAULTS), speech.id(),
                    SpeakerStage.DEFAULTS.usesVad() ? SileroVad.load() : null);
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

package com.tikneuron.diarization.harness;

import java.nio.file.Path;

import com.tikneuron.diarization.audio.SpeechConditioner;
import com.tikneuron.diarization.engine.BuiltInEngine;
import com.tikneuron.diarization.speaker.SpeakerStage;
import com.tikneuron.diarization.speech.VoskTranscriber;

/** The built-in engine as the harness runs it: the model the build unpacked, the default conditioning and speaker settings. */
final class HarnessEngines {

    private static VoskTranscriber transcriber;

    private HarnessEngines() {
    }

    static synchronized BuiltInEngine builtIn() {
        if (transcriber == null) {
            transcriber = new VoskTranscriber(Path.of(System.getProperty("tikneuron.diarization.vosk.model-path",
                    "target/vosk-model/en-us")));
            transcriber.load();
        }
        return new BuiltInEngine(transcriber, new SpeechConditioner(SpeechConditioner.DEFAULTS),
                new SpeakerStage(SpeakerStage.DEFAULTS));
    }

    static Path cache() {
        return Path.of("target", "harness-clips");
    }
}

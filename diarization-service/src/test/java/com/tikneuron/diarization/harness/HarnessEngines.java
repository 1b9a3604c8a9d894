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
            // Free the native model before the process exits, as the application does on shutdown: a model still
            // allocated when the process tears down its native libraries has aborted the test JVM at exit.
            VoskTranscriber loaded = transcriber;
            Runtime.getRuntime().addShutdownHook(new Thread(loaded::close, "harness-model-close"));
        }
        return new BuiltInEngine(transcriber, new SpeechConditioner(SpeechConditioner.DEFAULTS),
                new SpeakerStage(SpeakerStage.DEFAULTS));
    }

    static Path cache() {
        return Path.of("target", "harness-clips");
    }
}

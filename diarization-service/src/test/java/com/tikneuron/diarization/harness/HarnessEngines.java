package com.tikneuron.diarization.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tikneuron.diarization.audio.SileroVad;
import com.tikneuron.diarization.audio.SpeechConditioner;
import com.tikneuron.diarization.engine.BuiltInEngine;
import com.tikneuron.diarization.speaker.SpeakerStage;
import com.tikneuron.diarization.speech.BuiltInSpeechEngine;
import com.tikneuron.diarization.speech.VoskTranscriber;

/** The built-in engine as the harness runs it: the model the build unpacked, the default conditioning and speaker settings. */
final class HarnessEngines {

    private static VoskTranscriber transcriber;

    private HarnessEngines() {
    }

    static BuiltInEngine builtIn() {
        return new BuiltInEngine(new SpeakerStage(SpeakerStage.DEFAULTS), BuiltInSpeechEngine.VERSION,
                SpeakerStage.DEFAULTS.usesVad() ? SileroVad.load() : null);
    }

    /** The built-in speech engine with the service's default settings, as the built-in diarization engine uses it. */
    static BuiltInSpeechEngine speech() {
        return new BuiltInSpeechEngine(transcriber(), new SpeechConditioner(SpeechConditioner.DEFAULTS), minConfidence());
    }

    static synchronized VoskTranscriber transcriber() {
        if (transcriber == null) {
            transcriber = new VoskTranscriber(Path.of(System.getProperty("tikneuron.diarization.vosk.model-path",
                    "target/vosk-model/en-us")));
            transcriber.load();
            // Free the native model before the process exits, as the application does on shutdown: a model still
            // allocated when the process tears down its native libraries has aborted the test JVM at exit.
            VoskTranscriber loaded = transcriber;
            Runtime.getRuntime().addShutdownHook(new Thread(loaded::close, "harness-model-close"));
        }
        return transcriber;
    }

    /** The default of tikneuron.speech.builtin.min-confidence in application.properties. */
    static double minConfidence() {
        Properties properties = new Properties();
        try (InputStream in = HarnessEngines.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher value = Pattern.compile("\\$\\{[A-Z_]+:([0-9.]+)}").matcher(
                properties.getProperty("tikneuron.speech.builtin.min-confidence", ""));
        if (!value.matches()) {
            throw new IllegalStateException("tikneuron.speech.builtin.min-confidence has no default");
        }
        return Double.parseDouble(value.group(1));
    }

    static Path cache() {
        return Path.of("target", "harness-clips");
    }
}

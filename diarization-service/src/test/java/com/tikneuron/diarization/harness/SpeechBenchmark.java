package com.tikneuron.diarization.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.tikneuron.diarization.engine.Audio;
import com.tikneuron.diarization.speech.BuiltInSpeechEngine;
import com.tikneuron.diarization.speech.Transcript;
import com.tikneuron.standin.Spoken;

/**
 * The built-in speech engine's real-time factor on 60 s of speech, run by scripts/bench-speech.sh (not part of the
 * default build): the TikTok stand-in's script said by three espeak-ng voices one after the other, cut at 60 s,
 * recognised {@code -Dspeech.runs} times (3) after one warm-up. Writes the Markdown row to
 * target/speech-benchmark.md.
 */
class SpeechBenchmark {

    private static final String[] VOICES = {"en-us", "en-us+f2", "en-us+m3"};

    @Test
    void measuresTheBuiltInEngineOnAMinuteOfSpeech() throws IOException {
        Audio audio = minuteOfSpeech();
        BuiltInSpeechEngine engine = HarnessEngines.speech();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        engine.transcribe(new Audio(Arrays.copyOf(audio.samples(), Audio.SAMPLE_RATE * 5)), Optional.empty());
        int runs = Integer.getInteger("speech.runs", 3);
        double[] cpu = new double[runs];
        double[] wall = new double[runs];
        int words = 0;
        for (int run = 0; run < runs; run++) {
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long wallBefore = System.nanoTime();
            Transcript transcript = engine.transcribe(audio, Optional.empty());
            cpu[run] = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9 / audio.seconds();
            wall[run] = (System.nanoTime() - wallBefore) / 1e9 / audio.seconds();
            words = transcript.words().size();
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        String table = String.format("| audio (s) | words | runs | RTF (CPU), median | RTF (CPU), min–max | RTF (wall), median |%n"
                + "|---:|---:|---:|---:|---:|---:|%n| %.1f | %d | %d | **%.3f** | %.3f–%.3f | %.3f |%n", audio.seconds(), words,
                runs, cpu[runs / 2], cpu[0], cpu[runs - 1], wall[runs / 2]);
        Files.writeString(Path.of("target", "speech-benchmark.md"), table);
        System.out.println(table);
        assertTrue(words > 100, "a minute of speech has well over a hundred words, not " + words);
    }

    private static Audio minuteOfSpeech() {
        Tools.require("espeak-ng", "sox");
        short[] all = new short[0];
        for (String voice : VOICES) {
            short[] part = LanguageClips.audio(new LanguageClips.Spec("bench-" + voice.replace('+', '-'), "en", voice,
                    Spoken.text())).samples();
            short[] joined = Arrays.copyOf(all, all.length + part.length);
            System.arraycopy(part, 0, joined, all.length, part.length);
            all = joined;
        }
        return new Audio(Arrays.copyOf(all, Audio.SAMPLE_RATE * 60));
    }
}

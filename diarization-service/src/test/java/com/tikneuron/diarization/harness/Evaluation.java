package com.tikneuron.diarization.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;

import com.tikneuron.diarization.engine.DiarizationEngine;
import com.tikneuron.diarization.engine.Segment;

/** Runs an engine over a set of synthetic clips and scores it: DER, WER, speaker count and real-time factor. */
final class Evaluation {

    static final double COLLAR = 0.25;

    /** One clip's scores. */
    record ClipResult(String name, int speakers, int foundSpeakers, double seconds, Metrics.DiarizationError der,
            Metrics.WordErrors wer, double cpuSeconds, double wallSeconds) {
    }

    /** The whole set's scores: time-weighted DER and WER, share of exact speaker counts, CPU time over audio time. */
    record Summary(List<ClipResult> clips) {

        double der() {
            long errors = clips.stream().mapToLong(clip -> clip.der().errorFrames()).sum();
            long reference = clips.stream().mapToLong(clip -> clip.der().referenceFrames()).sum();
            return reference == 0 ? 0 : errors / (double) reference;
        }

        double wer() {
            long errors = clips.stream().mapToLong(clip -> clip.wer().errors()).sum();
            long words = clips.stream().mapToLong(clip -> clip.wer().referenceWords()).sum();
            return words == 0 ? 0 : errors / (double) words;
        }

        double speakerCountAccuracy() {
            return clips.stream().filter(clip -> clip.speakers() == clip.foundSpeakers()).count() / (double) clips.size();
        }

        double realTimeFactor() {
            return clips.stream().mapToDouble(ClipResult::cpuSeconds).sum()
                    / clips.stream().mapToDouble(ClipResult::seconds).sum();
        }

        double wallRealTimeFactor() {
            return clips.stream().mapToDouble(ClipResult::wallSeconds).sum()
                    / clips.stream().mapToDouble(ClipResult::seconds).sum();
        }

        String markdown() {
            StringBuilder out = new StringBuilder();
            out.append("| clip | speakers | found | audio (s) | DER | WER | RTF (CPU) |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (ClipResult clip : clips) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f %% | %.1f %% | %.3f |%n", clip.name(),
                        clip.speakers(), clip.foundSpeakers(), clip.seconds(), 100 * clip.der().rate(),
                        100 * clip.wer().rate(), clip.cpuSeconds() / clip.seconds()));
            }
            out.append(String.format(Locale.ROOT, "| **all %d clips** | | %.0f %% exact | %.1f | **%.1f %%** | **%.1f %%** | **%.3f** |%n",
                    clips.size(), 100 * speakerCountAccuracy(), clips.stream().mapToDouble(ClipResult::seconds).sum(),
                    100 * der(), 100 * wer(), realTimeFactor()));
            out.append(String.format(Locale.ROOT, "%nDER with a %.2f s collar; RTF = engine CPU time / audio time on one "
                    + "core (wall-clock RTF on this shared machine: %.3f).%n", COLLAR, wallRealTimeFactor()));
            return out.toString();
        }
    }

    private Evaluation() {
    }

    static Summary run(DiarizationEngine engine, List<ClipSpec> specs, Path cache) {
        ConversationSynthesizer synthesizer = new ConversationSynthesizer(cache);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<ClipResult> results = new ArrayList<>();
        for (ClipSpec spec : specs) {
            Clip clip = synthesizer.clip(spec);
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long wallBefore = System.nanoTime();
            List<Segment> segments = engine.diarize(clip.audio(),
                    () -> HarnessEngines.speech().transcribe(clip.audio(), Optional.empty()));
            double cpu = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
            double wall = (System.nanoTime() - wallBefore) / 1e9;
            Set<String> found = new HashSet<>();
            StringBuilder hypothesis = new StringBuilder();
            for (Segment segment : segments) {
                found.add(segment.speaker());
                hypothesis.append(segment.text()).append(' ');
            }
            StringBuilder reference = new StringBuilder();
            clip.reference().stream().sorted((a, b) -> Double.compare(a.start(), b.start()))
                    .forEach(turn -> reference.append(turn.text()).append(' '));
            results.add(new ClipResult(clip.name(), clip.speakers(), found.size(), clip.audio().seconds(),
                    Metrics.der(clip.reference(), segments, COLLAR), Metrics.wer(reference.toString(), hypothesis.toString()),
                    cpu, wall));
        }
        return new Summary(results);
    }
}

package com.tikneuron.diarization.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.engine.DiarizationEngine;
import com.tikneuron.diarization.engine.EngineFailedException;
import com.tikneuron.diarization.engine.Segment;
import com.tikneuron.diarization.speech.RecognizedWord;
import com.tikneuron.diarization.engine.SpeakerHints;
import com.tikneuron.diarization.speech.Transcript;

/** Runs an engine over a set of synthetic clips and scores it: DER, WER, speaker count and real-time factor. */
final class Evaluation {

    static final double COLLAR = 0.25;
    private static final ObjectMapper WORDS = new ObjectMapper();

    /**
     * One clip's scores; the {@code hinted…} ones are of a second run on the same words with the true speaker count
     * given ({@code speakers}), which runs the speaker stage only, as a re-diarization with other hints does.
     */
    record ClipResult(String name, int speakers, int foundSpeakers, double seconds, Metrics.DiarizationError der,
            Metrics.WordErrors wer, double cpuSeconds, double wallSeconds, int hintedSpeakers,
            Metrics.DiarizationError hintedDer, double hintedCpuSeconds, String refusal) {
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

        double hintedSpeakerCountAccuracy() {
            return clips.stream().filter(clip -> clip.speakers() == clip.hintedSpeakers()).count() / (double) clips.size();
        }

        double hintedDer() {
            long errors = clips.stream().mapToLong(clip -> clip.hintedDer().errorFrames()).sum();
            long reference = clips.stream().mapToLong(clip -> clip.hintedDer().referenceFrames()).sum();
            return reference == 0 ? 0 : errors / (double) reference;
        }

        /** Mean of the clips' own DERs (the sets' DER above weighs every clip by its speech). */
        double meanClipDer() {
            return clips.stream().mapToDouble(clip -> clip.der().rate()).average().orElse(0);
        }

        /** CPU time of the speaker stage alone (features, clustering), as a re-diarization with other hints runs it. */
        double hintedRealTimeFactor() {
            return clips.stream().mapToDouble(ClipResult::hintedCpuSeconds).sum()
                    / clips.stream().mapToDouble(ClipResult::seconds).sum();
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
            out.append("| clip | speakers | found | audio (s) | DER | WER | RTF (CPU) | found with `speakers` | DER with `speakers` |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (ClipResult clip : clips) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f %% | %.1f %% | %.3f | %d | %.1f %% |%n",
                        clip.name() + (clip.refusal() == null ? "" : " (refused: " + clip.refusal() + ")"), clip.speakers(), clip.foundSpeakers(), clip.seconds(), 100 * clip.der().rate(),
                        100 * clip.wer().rate(), clip.cpuSeconds() / clip.seconds(), clip.hintedSpeakers(),
                        100 * clip.hintedDer().rate()));
            }
            out.append(String.format(Locale.ROOT, "| **all %d clips** | | %.0f %% exact | %.1f | **%.1f %%** | **%.1f %%** | **%.3f** | %.0f %% exact | **%.1f %%** |%n",
                    clips.size(), 100 * speakerCountAccuracy(), clips.stream().mapToDouble(ClipResult::seconds).sum(),
                    100 * der(), 100 * wer(), realTimeFactor(), 100 * hintedSpeakerCountAccuracy(), 100 * hintedDer()));
            out.append(String.format(Locale.ROOT, "%nDER with a %.2f s collar (over all speech; mean of the clips' DERs "
                    + "%.1f %%); RTF = engine CPU time / audio time on one core (wall-clock RTF on this shared machine: "
                    + "%.3f). With `speakers`: the same words, the true count given; speaker stage alone RTF %.4f.%n",
                    COLLAR, 100 * meanClipDer(), wallRealTimeFactor(), hintedRealTimeFactor()));
            return out.toString();
        }
    }

    private Evaluation() {
    }

    /**
     * Leaves the recognised words where {@link SpeakerTuning} looks for them, so that tuning the speaker stage on a
     * set the benchmark ran does not recognise it again.
     */
    private static void keepWords(ClipSpec spec, Transcript transcript) {
        Path file = Path.of("target", "harness-words", spec.cacheKey() + ".json");
        if (Files.exists(file)) {
            return;
        }
        List<RecognizedWord> words = transcript.words().stream()
                .map(word -> new RecognizedWord(word.word(), word.start(), word.end(), 1.0)).toList();
        try {
            Files.createDirectories(file.getParent());
            WORDS.writeValue(file.toFile(), words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Summary run(DiarizationEngine engine, List<ClipSpec> specs, Path cache) {
        ConversationSynthesizer synthesizer = new ConversationSynthesizer(cache);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<ClipResult> results = new ArrayList<>();
        for (ClipSpec spec : specs) {
            Clip clip = synthesizer.clip(spec);
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long wallBefore = System.nanoTime();
            Transcript[] words = new Transcript[1];
            List<Segment> segments;
            String refusal = null;
            try {
                segments = engine.diarize(clip.audio(),
                        () -> words[0] = HarnessEngines.speech().transcribe(clip.audio(), Optional.empty()));
            } catch (EngineFailedException refused) {
                // The service would answer 422: nothing found, every reference second missed.
                segments = List.of();
                refusal = refused.getMessage();
            }
            if (words[0] != null) {
                keepWords(spec, words[0]);
            }
            double cpu = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
            double wall = (System.nanoTime() - wallBefore) / 1e9;
            long hintedBefore = threads.getCurrentThreadCpuTime();
            List<Segment> hinted = words[0] == null ? segments
                    : engine.diarize(clip.audio(), () -> words[0], SpeakerHints.exactly(clip.speakers()));
            double hintedCpu = (threads.getCurrentThreadCpuTime() - hintedBefore) / 1e9;
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
                    cpu, wall, (int) hinted.stream().map(Segment::speaker).distinct().count(),
                    Metrics.der(clip.reference(), hinted, COLLAR), hintedCpu, refusal));
        }
        return new Summary(results);
    }
}

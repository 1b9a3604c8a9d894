package com.tikneuron.diarization.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.audio.SileroVad;
import com.tikneuron.diarization.audio.SpeechConditioner;
import com.tikneuron.diarization.engine.BuiltInEngine;
import com.tikneuron.diarization.engine.Segment;
import com.tikneuron.diarization.speaker.AcousticFeatures;
import com.tikneuron.diarization.speaker.SpeakerPairs;
import com.tikneuron.diarization.speaker.SeparationPairs;
import com.tikneuron.diarization.speaker.SpeakerProjectionFit;
import com.tikneuron.diarization.speaker.SpeakerStage;
import com.tikneuron.diarization.speech.RecognizedWord;
import com.tikneuron.diarization.speech.VoskTranscriber;

/**
 * Tuning aid for the speaker stage, never a report: recognises the development clips once (the words are cached in
 * target/harness-words), then scores speaker-stage settings on them (DER and speaker count only; the words, and so
 * the WER, do not depend on the speaker stage). Run with {@code -Dtest=SpeakerTuning
 * -Dsurefire.failIfNoSpecifiedTests=false -Dharness.clips=48}; {@code -Dtuning.variants="a:clusterThreshold=1.5;b:…"}
 * adds named variants (components of {@link SpeakerStage.Settings} changed from the defaults), {@code -Dtuning.only}
 * leaves the defaults out, {@code -Dtuning.rates} first prints each reference speaker's speaking rate and its spread per
 * voice, {@code -Dtuning.pairs="clusterThreshold=1.3"} every pair of speakers found with those settings and whether
 * they are one voice, {@code -Dtuning.separations="resegmentMerge=0"} every pair left before the last merges with
 * their separation and each one's separation from itself ({@link SeparationPairs}), {@code -Dtuning.hinted} also
 * scores every variant with the true count given as {@code speakers},
 * {@code -Dtuning.vad} runs Silero VAD over every clip for variants with {@code vadThreshold} above 0,
 * {@code -Dharness.set} picks another set than {@code development} (the held-out set only to report, never to
 * choose). Not a test of the build: surefire's default includes do not match its name.
 */
class SpeakerTuning {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A clip with its words, features and, with {@code -Dtuning.vad}, the speech probabilities of Silero VAD. */
    record Prepared(Clip clip, List<RecognizedWord> words, AcousticFeatures features, float[] vad) {
    }

    @org.junit.jupiter.api.Test
    void scoresSpeakerStageSettingsOnTheDevelopmentSet() {
        main(new String[0]);
    }

    public static void main(String[] args) {
        int count = Integer.getInteger("harness.clips", 60);
        List<ClipSpec> specs = specs(count);
        List<Prepared> prepared = prepare(specs);
        if (System.getProperty("tuning.fit") != null) {
            fitProjection(prepared, Path.of(System.getProperty("tuning.fit")));
        }
        Map<String, SpeakerStage.Settings> variants = new LinkedHashMap<>();
        variants.put("defaults", SpeakerStage.DEFAULTS);
        String spec = System.getProperty("tuning.variants", "");
        for (String one : spec.split(";")) {
            if (!one.isBlank()) {
                String[] parts = one.split(":", 2);
                variants.put(parts[0], settings(parts.length > 1 ? parts[1] : ""));
            }
        }
        if (System.getProperty("tuning.pairs") != null) {
            pairs(prepared, settings(System.getProperty("tuning.pairs")));
        }
        if (System.getProperty("tuning.separations") != null) {
            separations(prepared, settings(System.getProperty("tuning.separations")));
        }
        if (System.getProperty("tuning.rates") != null) {
            rates(prepared);
        }
        if (System.getProperty("tuning.only") != null) {
            variants.remove("defaults");
        }
        for (Map.Entry<String, SpeakerStage.Settings> variant : variants.entrySet()) {
            score(variant.getKey(), new SpeakerStage(variant.getValue()), prepared);
        }
    }

    /** The sets named by {@code -Dharness.set}: one, or several separated by commas. */
    static List<String> sets() {
        return java.util.Arrays.stream(System.getProperty("harness.set", "development").split(",")).map(String::strip)
                .toList();
    }

    /** The clips of {@link #sets()}. */
    static List<ClipSpec> specs(int count) {
        List<ClipSpec> specs = new ArrayList<>();
        for (String set : sets()) {
            specs.addAll(ClipSpec.named(set, count));
        }
        return specs;
    }

    /**
     * Fits {@link SpeakerProjectionFit}'s projection on these clips' reference speakers and writes it to {@code file}
     * (for the service: src/main/resources/speaker/projection.txt). Only the development set may be fitted on.
     */
    static void fitProjection(List<Prepared> prepared, Path file) {
        for (String set : sets()) {
            if (!set.startsWith("development")) {
                throw new IllegalStateException("the projection is fitted on development sets only, not " + set);
            }
        }
        SpeakerProjectionFit fit = new SpeakerProjectionFit();
        for (Prepared p : prepared) {
            List<double[]> turns = turns(p);
            fit.add(p.features(), p.words(), turns);
        }
        SpeakerProjectionFit.Result result = fit.fit();
        try {
            result.write(file, String.format(Locale.ROOT,
                    "Fitted on %d clips of %s by SpeakerTuning -Dtuning.fit (scripts/fit-speaker-projection.sh).",
                    prepared.size(), String.join(",", sets())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("projection ratios " + java.util.Arrays.toString(result.ratios()));
    }

    /** DEFAULTS with some components changed: "clusterThreshold=1.5,finalMerge=1.0". */
    static SpeakerStage.Settings settings(String changes) {
        try {
            java.lang.reflect.RecordComponent[] components = SpeakerStage.Settings.class.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(SpeakerStage.DEFAULTS);
                types[i] = components[i].getType();
            }
            for (String change : changes.split(",")) {
                if (change.isBlank()) {
                    continue;
                }
                String[] kv = change.split("=");
                int i = 0;
                while (!components[i].getName().equals(kv[0].trim())) {
                    i++;
                }
                values[i] = types[i] == int.class ? Integer.valueOf(kv[1].trim())
                        : types[i] == boolean.class ? Boolean.valueOf(kv[1].trim()) : Double.valueOf(kv[1].trim());
            }
            return SpeakerStage.Settings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(changes, e);
        }
    }

    static List<Prepared> prepare(List<ClipSpec> specs) {
        ConversationSynthesizer synthesizer = new ConversationSynthesizer(HarnessEngines.cache());
        Path wordCache = Path.of("target", "harness-words");
        VoskTranscriber transcriber = null;
        SileroVad vad = System.getProperty("tuning.vad") != null ? SileroVad.load() : null;
        List<Prepared> prepared = new ArrayList<>();
        try {
            Files.createDirectories(wordCache);
            for (ClipSpec spec : specs) {
                Clip clip = synthesizer.clip(spec);
                Path file = wordCache.resolve(spec.cacheKey() + ".json");
                List<RecognizedWord> words;
                if (Files.exists(file)) {
                    words = JSON.readValue(file.toFile(), new TypeReference<List<RecognizedWord>>() {
                    });
                } else {
                    if (transcriber == null) {
                        transcriber = new VoskTranscriber(Path.of(System.getProperty(
                                "tikneuron.diarization.vosk.model-path", "target/vosk-model/en-us")));
                        transcriber.load();
                    }
                    words = transcriber.transcribe(new SpeechConditioner(SpeechConditioner.DEFAULTS).condition(clip.audio()));
                    JSON.writeValue(file.toFile(), words);
                }
                prepared.add(new Prepared(clip, words, AcousticFeatures.of(clip.audio().samples()),
                        vad == null ? null : vad.speechProbabilities(clip.audio().samples())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (transcriber != null) {
                transcriber.close();
            }
        }
        return prepared;
    }

    /** The clip's reference turns as {speaker, start, end}, as the speaker package's tuning aids take them. */
    static List<double[]> turns(Prepared p) {
        List<double[]> turns = new ArrayList<>();
        for (ReferenceTurn t : p.clip().reference()) {
            turns.add(new double[] { t.speaker(), t.start(), t.end() });
        }
        return turns;
    }

    /** For each clip, every pair of speakers the stage finds with the given settings (see {@link SpeakerPairs}). */
    static void pairs(List<Prepared> prepared, SpeakerStage.Settings settings) {
        SpeakerStage stage = new SpeakerStage(settings);
        for (Prepared p : prepared) {
            List<Voice> pool = voicesOf(p);
            String[] voices = new String[p.clip().speakers()];
            for (int s = 0; s < voices.length; s++) {
                voices[s] = pool.get(s).variant().replace("en-us+", "") + "@" + pool.get(s).pitch();
            }
            List<double[]> turns = turns(p);
            if (!p.words().isEmpty()) {
                SpeakerPairs.print(p.clip().name().replaceAll("-.*", ""), stage, settings, p.features(), p.words(),
                        stage.speakers(p.features(), p.words()), turns, voices);
            }
        }
    }

    /** For each clip, every pair of speakers the stage leaves with the given settings (see {@link SeparationPairs}). */
    static void separations(List<Prepared> prepared, SpeakerStage.Settings settings) {
        SpeakerStage stage = new SpeakerStage(settings);
        for (Prepared p : prepared) {
            List<double[]> turns = turns(p);
            if (!p.words().isEmpty()) {
                SeparationPairs.print(p.clip().name().replaceAll("-.*", ""), settings, p.features(), p.words(),
                        stage.speakers(p.features(), p.words()), turns, p.clip().speakers());
            }
        }
    }

    /**
     * Speaking rate of each reference speaker (log seconds per syllable estimate and per letter, over the words whose
     * middle falls in that speaker's turns), then its mean and spread per voice, to see whether the rate tells voices
     * apart.
     */
    static void rates(List<Prepared> prepared) {
        Map<String, List<double[]>> byVoice = new java.util.TreeMap<>();
        for (Prepared p : prepared) {
            List<Voice> pool = voicesOf(p);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-24s", p.clip().name()));
            for (int s = 0; s < p.clip().speakers(); s++) {
                double seconds = 0;
                double syllables = 0;
                double letters = 0;
                for (RecognizedWord w : p.words()) {
                    double middle = (w.start() + w.end()) / 2;
                    for (ReferenceTurn turn : p.clip().reference()) {
                        if (turn.speaker() == s && middle >= turn.start() && middle < turn.end()) {
                            seconds += w.end() - w.start();
                            syllables += units(w.word(), 0);
                            letters += units(w.word(), 1);
                            break;
                        }
                    }
                }
                line.append(String.format(Locale.ROOT, "  s%d syl %.3f let %.3f (%3.0f syl)", s,
                        Math.log(seconds / syllables), Math.log(seconds / letters), syllables));
                Voice v = pool.get(s);
                byVoice.computeIfAbsent(v.variant() + "@" + v.pitch() + "/" + v.speed(), k -> new ArrayList<>())
                        .add(new double[] { Math.log(seconds / syllables), Math.log(seconds / letters), syllables });
            }
            System.out.println(line);
        }
        for (Map.Entry<String, List<double[]>> e : byVoice.entrySet()) {
            double[] m = new double[2];
            double[] sq = new double[2];
            double w = 0;
            for (double[] x : e.getValue()) {
                for (int k = 0; k < 2; k++) {
                    m[k] += x[k];
                    sq[k] += x[k] * x[k];
                }
                w++;
            }
            System.out.printf(Locale.ROOT, "%-22s n %2.0f  syl %.3f +- %.3f  let %.3f +- %.3f%n", e.getKey(), w,
                    m[0] / w, Math.sqrt(sq[0] / w - m[0] * m[0] / w / w), m[1] / w,
                    Math.sqrt(sq[1] / w - m[1] * m[1] / w / w));
        }
    }

    /** Spoken length of a word: 0 = vowel groups (a syllable estimate, silent final e dropped), 1 = letters. */
    static int units(String word, int unit) {
        int letters = 0;
        int groups = 0;
        boolean inVowel = false;
        for (int i = 0; i < word.length(); i++) {
            char c = Character.toLowerCase(word.charAt(i));
            if (!Character.isLetter(c)) {
                inVowel = false;
                continue;
            }
            letters++;
            boolean vowel = "aeiouy".indexOf(c) >= 0;
            if (vowel && !inVowel) {
                groups++;
            }
            inVowel = vowel;
        }
        if (groups > 1 && word.length() > 2 && word.endsWith("e") && !word.endsWith("le")
                && "aeiouy".indexOf(Character.toLowerCase(word.charAt(word.length() - 2))) < 0) {
            groups--;
        }
        return unit == 1 ? Math.max(1, letters) : Math.max(1, groups);
    }

    /** The clip's voices, speaker 0 first, drawn from its seed as ConversationSynthesizer draws them. */
    static List<Voice> voicesOf(Prepared p) {
        ClipSpec spec = specOf(p);
        java.util.Random random = new java.util.Random(spec.seed());
        List<Voice> pool = new ArrayList<>(spec.voices() == null ? java.util.Arrays.asList(Voice.POOL) : spec.voices());
        java.util.Collections.shuffle(pool, random);
        if (spec.voices() != null) {
            pool = new ArrayList<>(pool.subList(0, spec.speakers()));
            pool.replaceAll(voice -> voice.varied(random));
        }
        return pool;
    }

    /** The clip's recipe, whose seed decides its voices as in ConversationSynthesizer. */
    static ClipSpec specOf(Prepared p) {
        return specs(Integer.getInteger("harness.clips", 60)).stream().filter(c -> c.name().equals(p.clip().name()))
                .findFirst().orElseThrow();
    }

    static void score(String name, SpeakerStage stage, List<Prepared> prepared) {
        score(name, stage, prepared, 0);
        if (System.getProperty("tuning.hinted") != null) {
            score(name + " +speakers", stage, prepared, 1);
        }
    }

    /** hint 0: none; 1: the true count as {@code speakers}. */
    static void score(String name, SpeakerStage stage, List<Prepared> prepared, int hint) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long errors = 0;
        long reference = 0;
        int exact = 0;
        double cpu = 0;
        double audio = 0;
        StringBuilder wrong = new StringBuilder();
        for (Prepared p : prepared) {
            long before = threads.getCurrentThreadCpuTime();
            int truth = p.clip().speakers();
            int[] speaker = p.words().isEmpty() ? new int[0]
                    : hint == 1 ? stage.speakers(p.features(), p.words(), truth, truth, p.vad())
                    : stage.speakers(p.features(), p.words(), 1, Integer.MAX_VALUE, p.vad());
            cpu += (threads.getCurrentThreadCpuTime() - before) / 1e9;
            audio += p.clip().audio().seconds();
            List<Segment> segments = BuiltInEngine.turns(p.words(), speaker);
            Metrics.DiarizationError der = Metrics.der(p.clip().reference(), segments, Evaluation.COLLAR);
            errors += der.errorFrames();
            reference += der.referenceFrames();
            long found = segments.stream().map(Segment::speaker).distinct().count();
            if (found == p.clip().speakers()) {
                exact++;
            } else {
                wrong.append(String.format(Locale.ROOT, " %s:%d>%d(%.0f%%)", p.clip().name().replaceAll("-.*", ""),
                        p.clip().speakers(), found, 100 * der.rate()));
            }
        }
        System.out.printf(Locale.ROOT, "%-28s DER %5.2f %%  exact %2d/%d (%.1f %%)  stage RTF %.4f  wrong:%s%n", name,
                100.0 * errors / reference, exact, prepared.size(), 100.0 * exact / prepared.size(), cpu / audio, wrong);
    }
}

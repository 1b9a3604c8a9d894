package com.tikneuron.diarization.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The recipe of one clip; the seed decides voices, sentences, pauses, overlaps and music. {@code voices} is the pool
 * the clip's voices are drawn from ({@code null}: {@link Voice#POOL}, as the first sets were made, with fixed pitch
 * and speed); a clip with its own pool also gets short replies, interruptions and varied pitch and speed, and
 * {@code noise} lays room noise under it.
 */
record ClipSpec(String name, long seed, int speakers, int seconds, boolean music, boolean noise, List<Voice> voices) {

    ClipSpec(String name, long seed, int speakers, int seconds, boolean music) {
        this(name, seed, speakers, seconds, music, false, null);
    }

    /**
     * The name of this clip's cached files (audio, reference, recognised words): a clip made in another way or from
     * other voices is another file, so a changed voice list never reuses clips or words made before it.
     */
    String cacheKey() {
        String key = name + "-" + seed + ConversationSynthesizer.VERSION;
        if (voices == null) {
            return key;
        }
        String pool = voices.stream().map(v -> v.variant() + "/" + v.pitch() + "/" + v.speed())
                .collect(java.util.stream.Collectors.joining(","));
        return key + "-" + Integer.toHexString(pool.hashCode());
    }

    /** The sets a benchmark or tuning run can ask for by name ({@code -Dharness.set}). */
    static List<ClipSpec> named(String set, int count) {
        return switch (set) {
            case "development" -> development(count);
            case "development-wide" -> developmentWide(count);
            case "development-extra" -> developmentExtra(count);
            case "held-out" -> heldOut(count);
            case "held-out-2" -> heldOut2(count);
            case "held-out-3" -> heldOut3(count);
            case "benchmark" -> full(count);
            case "old-development" -> oldDevelopment(count);
            case "small" -> small();
            default -> throw new IllegalArgumentException("unknown harness set " + set
                    + " (development, development-wide, development-extra, held-out, held-out-2, held-out-3, benchmark, old-development, small)");
        };
    }

    /** A few short clips: what the build gates on. */
    static List<ClipSpec> small() {
        return List.of(
                new ClipSpec("s1-one-speaker", 11, 1, 20, false),
                new ClipSpec("s2-two-speakers", 12, 2, 25, false),
                new ClipSpec("s3-three-speakers-music", 13, 3, 30, true),
                new ClipSpec("s4-two-speakers-music", 14, 2, 20, true));
    }

    /**
     * Clips to tune settings on, never to report: 1 to 5 speakers drawn from {@link Voice#DEVELOPMENT}, 25 to 90 s,
     * a third with music and a third with room noise, short replies and interruptions.
     */
    static List<ClipSpec> development(int count) {
        return conversations("d", 31_000L, 20_261_207L, count, Voice.DEVELOPMENT);
    }

    /**
     * More clips to fit and tune on, never to report: made as {@link #development}, with its voices and
     * {@link Voice#DEVELOPMENT_MORE}'s, so that what is fitted on them has heard 28 voices rather than 12.
     */
    static List<ClipSpec> developmentWide(int count) {
        List<Voice> voices = new ArrayList<>(Voice.DEVELOPMENT);
        voices.addAll(Voice.DEVELOPMENT_MORE);
        return conversations("w", 51_000L, 20_261_209L, count, List.copyOf(voices));
    }

    /**
     * Clips to tune on, never to report: made as {@link #development} with the voices of {@link Voice#DEVELOPMENT_EXTRA}
     * only, sixteen voices that nothing was tuned on before engine s10.
     */
    static List<ClipSpec> developmentExtra(int count) {
        return conversations("e", 71_000L, 20_261_211L, count, Voice.DEVELOPMENT_EXTRA);
    }

    /**
     * Clips to report on, made in the same way as {@link #development} but with voices of {@link Voice#HELD_OUT}
     * only, which share neither variant nor accent with the development voices.
     */
    static List<ClipSpec> heldOut(int count) {
        return conversations("h", 41_000L, 20_261_208L, count, Voice.HELD_OUT);
    }

    /**
     * Clips to report on, made as {@link #heldOut} with the voices of {@link Voice#HELD_OUT_2} and seeds of their
     * own: a second set of voices never tuned on, for engines that the first held-out set has already seen.
     */
    static List<ClipSpec> heldOut2(int count) {
        return conversations("g", 61_000L, 20_261_210L, count, Voice.HELD_OUT_2);
    }

    /**
     * Clips to report on, made as {@link #heldOut} with the five voices of {@link Voice#HELD_OUT_3} (other
     * synthesisers than espeak-ng) and seeds of their own; a five-speaker clip has all five.
     */
    static List<ClipSpec> heldOut3(int count) {
        return conversations("k", 81_000L, 20_261_212L, count, Voice.HELD_OUT_3);
    }

    /**
     * The first benchmark set: 1 to 4 speakers, 20 to 120 s, a third of them with background music. Its seeds differ
     * from those of {@link #oldDevelopment}, but its voices are the same eight, so it is no held-out set.
     */
    static List<ClipSpec> full(int count) {
        return generated("b", 7_000L, 20_261_121L, count);
    }

    /** The first development set (the voices of {@link #full}). */
    static List<ClipSpec> oldDevelopment(int count) {
        return generated("f", 1_000L, 20_260_101L, count);
    }

    private static List<ClipSpec> generated(String prefix, long firstSeed, long layoutSeed, int count) {
        Random random = new Random(layoutSeed);
        List<ClipSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int speakers = 1 + i % 4;
            int seconds = 20 + random.nextInt(101);
            boolean music = i % 3 == 2;
            specs.add(new ClipSpec(prefix + (i + 1) + "-" + speakers + "spk-" + seconds + "s" + (music ? "-music" : ""),
                    firstSeed + i, speakers, seconds, music));
        }
        return specs;
    }

    private static List<ClipSpec> conversations(String prefix, long firstSeed, long layoutSeed, int count,
            List<Voice> voices) {
        Random random = new Random(layoutSeed);
        List<ClipSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int speakers = 1 + i % 5;
            // More speakers need longer conversations for each to say enough.
            int seconds = 25 + 8 * speakers + random.nextInt(41);
            boolean music = i % 3 == 1;
            boolean noise = i % 3 == 2;
            specs.add(new ClipSpec(prefix + (i + 1) + "-" + speakers + "spk-" + seconds + "s" + (music ? "-music" : "")
                    + (noise ? "-noise" : ""), firstSeed + i, speakers, seconds, music, noise, voices));
        }
        return specs;
    }
}

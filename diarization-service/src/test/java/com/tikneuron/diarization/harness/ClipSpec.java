package com.tikneuron.diarization.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The recipe of one clip; the seed decides voices, sentences, pauses, overlaps and music. */
record ClipSpec(String name, long seed, int speakers, int seconds, boolean music) {

    /** A few short clips: what the build gates on. */
    static List<ClipSpec> small() {
        return List.of(
                new ClipSpec("s1-one-speaker", 11, 1, 20, false),
                new ClipSpec("s2-two-speakers", 12, 2, 25, false),
                new ClipSpec("s3-three-speakers-music", 13, 3, 30, true),
                new ClipSpec("s4-two-speakers-music", 14, 2, 20, true));
    }

    /**
     * The benchmark set: 1 to 4 speakers, 20 to 120 s, a third of them with background music. Its seeds differ from
     * the development set the speaker stage was tuned on ({@link #development}), so the numbers are not fitted.
     */
    static List<ClipSpec> full(int count) {
        return generated("b", 7_000L, 20_261_121L, count);
    }

    /** Clips to tune settings on, never to report. */
    static List<ClipSpec> development(int count) {
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
}

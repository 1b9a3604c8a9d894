package com.tikneuron.diarization.harness;

import java.util.List;

/** An espeak-ng voice: language and variant (accent and timbre), pitch 0-99 and speed in words per minute. */
record Voice(String variant, int pitch, int speed) {

    static final String ESPEAK = "espeak-ng";
    static final String FLITE = "flite";
    static final String FESTIVAL = "text2wave";

    // Median pitches measured with the speaker stage's own tracker: about 78, 89, 121, 163, 137, 178, 262, 333 Hz.
    /** The voices of the small set, the old benchmark set and the old development set (they share them). */
    static final Voice[] POOL = {
        new Voice("en-us", 15, 165),
        new Voice("en-us+m1", 45, 150),
        new Voice("en-us+m3", 65, 180),
        new Voice("en-us+m7", 95, 160),
        new Voice("en-us+f2", 10, 170),
        new Voice("en-us+f4", 50, 150),
        new Voice("en-us+f5", 75, 185),
        new Voice("en-us+f3", 99, 160),
    };

    /**
     * The development set's voices: the eight above (what the speaker stage was first tuned on) and four more, in
     * American and Received Pronunciation English. Each clip moves every voice's pitch and speed a little.
     */
    static final List<Voice> DEVELOPMENT = List.of(POOL[0], POOL[1], POOL[2], POOL[3], POOL[4], POOL[5], POOL[6],
            POOL[7],
            new Voice("en-gb-x-rp+klatt", 40, 160),
            new Voice("en-gb-x-rp+Andy", 55, 170),
            new Voice("en-us+Annie", 60, 155),
            new Voice("en-gb-x-rp+steph", 45, 175));

    /**
     * More development voices, for fitting what needs many voices (the speaker projection): sixteen other timbres,
     * in American, Received Pronunciation, Lancashire and West Midlands English; none of the held-out set's
     * variants or accents.
     */
    static final List<Voice> DEVELOPMENT_MORE = List.of(
            new Voice("en-gb-x-gbclan+adam", 35, 165),
            new Voice("en-gb-x-gbclan+Alicia", 60, 160),
            new Voice("en-gb-x-gbclan+benjamin", 25, 170),
            new Voice("en-gb-x-gbclan+klatt4", 50, 155),
            new Voice("en-gb-x-gbcwmd+david", 40, 175),
            new Voice("en-gb-x-gbcwmd+Andrea", 65, 160),
            new Voice("en-gb-x-gbcwmd+max", 30, 150),
            new Voice("en-gb-x-gbcwmd+klatt5", 55, 170),
            new Voice("en-us+caleb", 45, 160),
            new Voice("en-us+anika", 70, 165),
            new Voice("en-us+paul", 20, 175),
            new Voice("en-us+Marco", 50, 150),
            new Voice("en-gb-x-rp+norbert", 35, 160),
            new Voice("en-gb-x-rp+shelby", 60, 170),
            new Voice("en-gb-x-rp+travis", 40, 155),
            new Voice("en-gb-x-rp+zac", 55, 180));

    /**
     * Still more development voices, to tune on timbres the first two sets lack (a projection fitted on them as well
     * was tried and not shipped): sixteen espeak-ng variants that no other set uses, in the development accents, at
     * the held-out sets' range of pitch. Left out on purpose: variants whose formants copy a held-out timbre's
     * ({@code rob} is {@code robert}'s; {@code Mario}, {@code gustave} and {@code marcelo} share {@code Michael}'s
     * upper formants; {@code Gene2}, {@code iven2}–{@code iven4}, {@code edward2} and {@code grandpa} are held-out
     * timbres' siblings).
     */
    static final List<Voice> DEVELOPMENT_EXTRA = List.of(
            new Voice("en-us+Alex", 40, 165),
            new Voice("en-gb-x-rp+AnxiousAndy", 55, 170),
            new Voice("en-gb-x-gbclan+Diogo", 30, 160),
            new Voice("en-gb-x-gbcwmd+Hugo", 45, 155),
            new Voice("en-us+Nguyen", 60, 175),
            new Voice("en-gb-x-rp+Storm", 25, 160),
            new Voice("en-gb-x-gbclan+Tweaky", 65, 165),
            new Voice("en-gb-x-gbcwmd+announcer", 35, 170),
            new Voice("en-us+antonio", 50, 150),
            new Voice("en-gb-x-rp+boris", 20, 165),
            new Voice("en-gb-x-gbclan+ed", 45, 175),
            new Voice("en-gb-x-gbcwmd+kaukovalta", 55, 160),
            new Voice("en-us+pedro", 30, 170),
            new Voice("en-gb-x-rp+sandro", 40, 155),
            new Voice("en-gb-x-gbclan+steph2", 70, 165),
            new Voice("en-gb-x-gbcwmd+steph3", 60, 150));

    /**
     * The held-out set's voices: no variant and no accent of {@link #DEVELOPMENT} (British, Caribbean, Scottish and
     * New York English; other timbres), so nothing tuned on the development set has heard them. British English is
     * {@code en}: espeak-ng 1.51 ignores the variant after {@code en-gb} ({@code en-gb+m2} sounds exactly as
     * {@code en-gb}), so until 2026-12-07 this set's four British voices were one voice at four pitches.
     */
    static final List<Voice> HELD_OUT = List.of(
            new Voice("en+m2", 30, 160),
            new Voice("en-029+m4", 50, 170),
            new Voice("en-gb-scotland+m5", 40, 155),
            new Voice("en-us-nyc+m6", 70, 175),
            new Voice("en+m8", 20, 165),
            new Voice("en+f1", 55, 160),
            new Voice("en-029+klatt2", 45, 150),
            new Voice("en-gb-scotland+klatt3", 60, 170),
            new Voice("en-us-nyc+linda", 50, 165),
            new Voice("en+john", 35, 180),
            new Voice("en-029+belinda", 65, 155),
            new Voice("en-us-nyc+edward", 25, 160));

    /**
     * A second held-out set's voices, made after the first had been run for several engines: the first set's
     * accents (which no development voice has) with timbres that no other set uses, so an engine chosen before this
     * set existed can be measured once more on voices nothing was ever tuned or chosen on.
     */
    static final List<Voice> HELD_OUT_2 = List.of(
            new Voice("en+Gene", 30, 165),
            new Voice("en-029+Lee", 45, 160),
            new Voice("en-gb-scotland+Mike", 25, 170),
            new Voice("en-us-nyc+aunty", 60, 160),
            new Voice("en+grandma", 70, 150),
            new Voice("en-029+robert", 35, 175),
            new Voice("en-gb-scotland+victor", 50, 155),
            new Voice("en-us-nyc+Jacky", 40, 170),
            new Voice("en+iven", 55, 160),
            new Voice("en-029+Denis", 30, 165),
            new Voice("en-gb-scotland+quincy", 65, 150),
            new Voice("en-us-nyc+Michael", 20, 175));

    /**
     * A third held-out set's voices, from other synthesisers: flite's four voices and Festival's {@code ked}, each
     * built from recordings of one person (American and Scottish English), so neither their timbres nor their
     * synthesis is espeak-ng's. Made after s10 was chosen; they keep their own pitch (the pitch here is unused), and
     * the speed stretches their durations.
     */
    static final List<Voice> HELD_OUT_3 = List.of(
            new Voice("flite:kal16", 50, 165),
            new Voice("flite:awb", 50, 165),
            new Voice("flite:rms", 50, 165),
            new Voice("flite:slt", 50, 165),
            new Voice("festival:ked_diphone", 50, 165));

    /** The same voice a little higher or lower and faster or slower: pitch within ±8, speed within ±12 %. */
    Voice varied(java.util.Random random) {
        int newPitch = Math.max(0, Math.min(99, pitch + random.nextInt(17) - 8));
        int newSpeed = (int) Math.round(speed * (0.88 + 0.24 * random.nextDouble()));
        return new Voice(variant, newPitch, newSpeed);
    }

    /**
     * The accent: the language part of {@link #variant}, or for another synthesiser than espeak-ng its name
     * ({@code flite:rms} is flite's voice rms).
     */
    String accent() {
        int split = split();
        return split < 0 ? variant : variant.substring(0, split);
    }

    /** The timbre: the part of {@link #variant} after the accent, or "" for the language's own voice. */
    String timbre() {
        int split = split();
        return split < 0 ? "" : variant.substring(split + 1);
    }

    /**
     * The voice its synthesiser speaks with, without a word, when it does not know this one: espeak-ng drops a variant
     * it cannot attach and speaks the language's own voice, flite speaks kal; null where an unknown voice fails
     * (Festival) or this is already that voice.
     */
    String fallback() {
        if (variant.indexOf('+') >= 0) {
            return accent();
        }
        return synthesiser().equals(FLITE) && !timbre().equals("kal") ? FLITE + ":kal" : null;
    }

    /**
     * The program that speaks this voice: {@code flite} for {@code flite:<voice>}, Festival's {@code text2wave} for
     * {@code festival:<voice>} (the voice is then the {@link #timbre}), {@code espeak-ng} for every other.
     */
    String synthesiser() {
        return switch (accent()) {
            case FLITE -> FLITE;
            case "festival" -> FESTIVAL;
            default -> ESPEAK;
        };
    }

    /** The programs that speak these voices. */
    static String[] synthesisers(List<Voice> voices) {
        return voices.stream().map(Voice::synthesiser).distinct().toArray(String[]::new);
    }

    private int split() {
        int plus = variant.indexOf('+');
        return plus >= 0 ? plus : variant.indexOf(':');
    }

    /** The language and variant without pitch and speed: what "the same voice" means for the disjoint sets. */
    String identity() {
        return variant;
    }
}

package com.tikneuron.diarization.engine;

/**
 * What the caller said about the number of speakers: at least {@code min} and at most {@code max} (0: not said).
 * {@code speakers: N} is min = max = N. Part of the cache key, so answers with other hints are not mixed.
 */
public record SpeakerHints(int min, int max) {

    /** No hint: the engine decides the count. */
    public static final SpeakerHints NONE = new SpeakerHints(0, 0);

    /** The most speakers a hint may name. */
    public static final int LIMIT = 20;

    public static SpeakerHints exactly(int speakers) {
        return new SpeakerHints(speakers, speakers);
    }

    public boolean none() {
        return min == 0 && max == 0;
    }

    /** The count, when the caller gave exactly one. */
    public boolean exact() {
        return min > 0 && min == max;
    }

    /** The lowest count allowed: 1 when not said. */
    public int lowest() {
        return Math.max(1, min);
    }

    /** The highest count allowed: {@link Integer#MAX_VALUE} when not said. */
    public int highest() {
        return max == 0 ? Integer.MAX_VALUE : max;
    }

    /** The hints as the cache key's suffix: empty without hints, "/speakers=3", "/min_speakers=2,max_speakers=4". */
    public String key() {
        if (none()) {
            return "";
        }
        if (exact()) {
            return "/speakers=" + min;
        }
        StringBuilder key = new StringBuilder("/");
        if (min > 0) {
            key.append("min_speakers=").append(min);
        }
        if (max > 0) {
            key.append(min > 0 ? "," : "").append("max_speakers=").append(max);
        }
        return key.toString();
    }
}

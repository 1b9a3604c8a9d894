package com.tikneuron.diarization.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.tikneuron.diarization.engine.Segment;

/** Diarization error rate (frame-based, with a forgiveness collar around reference boundaries) and word error rate. */
final class Metrics {

    private static final int FRAMES_PER_SECOND = 100;

    private Metrics() {
    }

    /** Scored reference speech time and the time in error (missed, false alarm and confusion), in frames. */
    record DiarizationError(long referenceFrames, long errorFrames) {

        double rate() {
            return referenceFrames == 0 ? 0 : errorFrames / (double) referenceFrames;
        }
    }

    /** Word errors (substitutions, insertions, deletions) and reference words. */
    record WordErrors(long errors, long referenceWords) {

        double rate() {
            return referenceWords == 0 ? 0 : errors / (double) referenceWords;
        }
    }

    static DiarizationError der(List<ReferenceTurn> reference, List<Segment> hypothesis, double collar) {
        double end = 0;
        for (ReferenceTurn turn : reference) {
            end = Math.max(end, turn.end());
        }
        for (Segment segment : hypothesis) {
            end = Math.max(end, segment.end());
        }
        int frames = (int) Math.ceil(end * FRAMES_PER_SECOND) + 1;
        boolean[] excluded = new boolean[frames];
        int collarFrames = (int) Math.round(collar * FRAMES_PER_SECOND);
        List<Set<Integer>> ref = new ArrayList<>();
        List<Set<Integer>> hyp = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            ref.add(new LinkedHashSet<>());
            hyp.add(new LinkedHashSet<>());
        }
        for (ReferenceTurn turn : reference) {
            int from = frame(turn.start());
            int to = frame(turn.end());
            for (int f = from; f < to && f < frames; f++) {
                ref.get(f).add(turn.speaker());
            }
            for (int boundary : new int[] { from, to }) {
                for (int f = Math.max(0, boundary - collarFrames); f < Math.min(frames, boundary + collarFrames); f++) {
                    excluded[f] = true;
                }
            }
        }
        Map<String, Integer> hypIds = new HashMap<>();
        for (Segment segment : hypothesis) {
            int id = hypIds.computeIfAbsent(segment.speaker(), unused -> hypIds.size());
            for (int f = frame(segment.start()); f < frame(segment.end()) && f < frames; f++) {
                hyp.get(f).add(id);
            }
        }
        int refSpeakers = reference.stream().mapToInt(ReferenceTurn::speaker).max().orElse(-1) + 1;
        long[][] overlap = new long[hypIds.size()][refSpeakers];
        for (int f = 0; f < frames; f++) {
            if (excluded[f]) {
                continue;
            }
            for (int h : hyp.get(f)) {
                for (int r : ref.get(f)) {
                    overlap[h][r]++;
                }
            }
        }
        int[] mapping = bestMapping(overlap, refSpeakers);
        long scored = 0;
        long errors = 0;
        for (int f = 0; f < frames; f++) {
            if (excluded[f]) {
                continue;
            }
            Set<Integer> r = ref.get(f);
            Set<Integer> h = hyp.get(f);
            long correct = h.stream().filter(id -> mapping[id] >= 0 && r.contains(mapping[id])).count();
            scored += r.size();
            errors += Math.max(r.size(), h.size()) - correct;
        }
        return new DiarizationError(scored, errors);
    }

    /** The one-to-one mapping of hypothesis to reference speakers with the most shared time (exhaustive search). */
    private static int[] bestMapping(long[][] overlap, int refSpeakers) {
        int[] best = new int[overlap.length];
        java.util.Arrays.fill(best, -1);
        int[] current = best.clone();
        long[] bestScore = { -1 };
        search(overlap, refSpeakers, 0, new boolean[refSpeakers], current, 0, best, bestScore);
        return best;
    }

    private static void search(long[][] overlap, int refSpeakers, int h, boolean[] used, int[] current, long score,
            int[] best, long[] bestScore) {
        if (h == overlap.length) {
            if (score > bestScore[0]) {
                bestScore[0] = score;
                System.arraycopy(current, 0, best, 0, current.length);
            }
            return;
        }
        current[h] = -1;
        search(overlap, refSpeakers, h + 1, used, current, score, best, bestScore);
        for (int r = 0; r < refSpeakers; r++) {
            if (!used[r] && overlap[h][r] > 0) {
                used[r] = true;
                current[h] = r;
                search(overlap, refSpeakers, h + 1, used, current, score + overlap[h][r], best, bestScore);
                used[r] = false;
                current[h] = -1;
            }
        }
    }

    static WordErrors wer(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        int[] previous = new int[hyp.size() + 1];
        int[] row = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            row[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int substitution = previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                row[j] = Math.min(substitution, Math.min(previous[j] + 1, row[j - 1] + 1));
            }
            int[] swap = previous;
            previous = row;
            row = swap;
        }
        return new WordErrors(previous[hyp.size()], ref.size());
    }

    /** Lowercase words without punctuation, contractions spelled out: "I'm" and "I am" are the same words. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String token : text.toLowerCase(Locale.ROOT).split("\\s+")) {
            String word = token.replaceAll("[^a-z']", "");
            if (!word.isEmpty()) {
                words.addAll(List.of(CONTRACTIONS.getOrDefault(word, word).split(" ")));
            }
        }
        return words;
    }

    private static final Map<String, String> CONTRACTIONS = Map.ofEntries(
            Map.entry("i'm", "i am"), Map.entry("let's", "let us"), Map.entry("it's", "it is"),
            Map.entry("that's", "that is"), Map.entry("don't", "do not"), Map.entry("didn't", "did not"),
            Map.entry("we're", "we are"), Map.entry("you're", "you are"), Map.entry("they're", "they are"),
            Map.entry("i've", "i have"), Map.entry("we've", "we have"), Map.entry("you've", "you have"),
            Map.entry("there's", "there is"), Map.entry("what's", "what is"), Map.entry("can't", "can not"),
            Map.entry("cannot", "can not"), Map.entry("isn't", "is not"), Map.entry("wasn't", "was not"),
            Map.entry("i'll", "i will"), Map.entry("we'll", "we will"), Map.entry("he's", "he is"),
            Map.entry("she's", "she is"));

    private static int frame(double seconds) {
        return (int) Math.round(seconds * FRAMES_PER_SECOND);
    }
}

package com.tikneuron.diarization.speaker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

import com.tikneuron.diarization.speech.RecognizedWord;

/**
 * Decides who said each recognised word. Voice activity keeps only the loud frames inside words; speaker changes
 * are looked for between words, where the voice before differs from the voice after; the stretches between
 * changes are described by their mean cepstrum and median pitch and clustered bottom-up until the closest two
 * clusters are clearly different voices, which sets the number of speakers; clusters too small to be a
 * speaker are folded into the nearest one, so one voice stays one speaker and music does not become many. With a
 * background model of the recording's sounds ({@link Ubm}), clustering stops a little earlier and clusters of
 * nearly the same pitch whose individual sounds match are then merged: that tells one voice split by its intonation
 * from two voices that differ mainly in pitch. Finally every word is re-assigned to the speaker closest to the voice
 * around it, which repairs stretches that a missed change had mixed.
 */
public final class SpeakerStage {

    /**
     * Tuning of the stage; {@link #DEFAULTS} is what the benchmark measured. {@code clusterThreshold} ends clustering
     * when there is no background model (too little speech to train one on), {@code modelClusterThreshold} when
     * there is; {@code modelComponents} = 0 never trains one. Clusters whose median pitches are within
     * {@code sameVoicePitch} (natural log) and whose {@link VoiceStats#adaptedDistance} with relevance factor
     * {@code relevance} is below {@code sameVoiceDistance} are one voice.
     */
    public record Settings(double changeThreshold, double clusterThreshold, double pitchScale, double cepstralScale,
            double changeWindow, double pauseBreak, double minSpeakerSeconds, double minSpeakerShare,
            double refineWindow, int refineRounds, int modelComponents, double relevance, double modelClusterThreshold,
            double sameVoiceDistance, double sameVoicePitch) {
    }

    public static final Settings DEFAULTS = new Settings(1.0, 1.6, 0.10, 0.5, 1.2, 1.5, 2.0, 0.05, 1.0, 2,
            32, 16, 1.4, 0.06, 0.2);

    /** What distances are measured in for one recording: the cepstral spread and its background model (or null). */
    record Space(double[] scale, Ubm ubm) {
    }

    private static final int MIN_FRAMES = 8;
    private static final double VAD_ABOVE_FLOOR_DB = 10;
    private static final double VAD_BELOW_PEAK_DB = 45;

    private final Settings settings;

    public SpeakerStage(Settings settings) {
        this.settings = settings;
    }

    /** A speaker index (0, 1, …) per word, in the order of {@code words}. */
    public int[] speakers(AcousticFeatures features, List<RecognizedWord> words) {
        int n = words.size();
        if (n == 0) {
            return new int[0];
        }
        boolean[] speech = voiceActivity(features);
        Ubm ubm = settings.modelComponents() > 0
                ? Ubm.train(speechFrames(features, speech, words), settings.modelComponents())
                : null;
        VoiceStats[] perWord = new VoiceStats[n];
        for (int i = 0; i < n; i++) {
            perWord[i] = wordStats(features, speech, words.get(i), ubm);
        }
        Space space = new Space(cepstralScale(features, speech, words), ubm);
        List<int[]> segments = segments(words, perWord, space);
        int[] speaker = cluster(segments, perWord, space, n);
        for (int round = 0; round < settings.refineRounds(); round++) {
            speaker = refine(speaker, words, perWord, space);
        }
        return speaker;
    }

    /** Frames loud enough to be speech: well above the noise floor and not too far below the loudest part. */
    static boolean[] voiceActivity(AcousticFeatures features) {
        int frames = features.frames();
        boolean[] speech = new boolean[frames];
        if (frames == 0) {
            return speech;
        }
        float[] energy = new float[frames];
        for (int f = 0; f < frames; f++) {
            energy[f] = features.energyDb(f);
        }
        float[] sorted = energy.clone();
        Arrays.sort(sorted);
        double floor = sorted[(int) (frames * 0.1)];
        double peak = sorted[Math.min(frames - 1, (int) (frames * 0.99))];
        double threshold = Math.max(floor + VAD_ABOVE_FLOOR_DB, peak - VAD_BELOW_PEAK_DB);
        // When the floor is itself speech (a recording without pauses), the peak rule alone decides.
        if (threshold > peak - 3) {
            threshold = peak - VAD_BELOW_PEAK_DB;
        }
        for (int f = 0; f < frames; f++) {
            speech[f] = energy[f] >= threshold;
        }
        return speech;
    }

    static List<float[]> speechFrames(AcousticFeatures features, boolean[] speech, List<RecognizedWord> words) {
        List<float[]> frames = new ArrayList<>();
        for (RecognizedWord word : words) {
            int from = Math.max(0, (int) Math.floor(word.start() * AcousticFeatures.FRAMES_PER_SECOND));
            int to = Math.min(features.frames(), (int) Math.ceil(word.end() * AcousticFeatures.FRAMES_PER_SECOND));
            for (int f = from; f < to; f++) {
                if (speech[f]) {
                    frames.add(features.cepstra(f));
                }
            }
        }
        return frames;
    }

    private static VoiceStats wordStats(AcousticFeatures features, boolean[] speech, RecognizedWord word, Ubm ubm) {
        int from = Math.max(0, (int) Math.floor(word.start() * AcousticFeatures.FRAMES_PER_SECOND));
        int to = Math.min(features.frames(), (int) Math.ceil(word.end() * AcousticFeatures.FRAMES_PER_SECOND));
        VoiceStats stats = new VoiceStats();
        for (int f = from; f < to; f++) {
            if (speech[f]) {
                stats.add(features, f, ubm);
            }
        }
        if (stats.frames() < 3) {
            for (int f = from; f < to; f++) {
                if (!speech[f]) {
                    stats.add(features, f, ubm);
                }
            }
        }
        stats.addSeconds(Math.max(0, word.end() - word.start()));
        return stats;
    }

    /** The spread of each cepstral coefficient over all speech in this recording, so distances have a unit. */
    static double[] cepstralScale(AcousticFeatures features, boolean[] speech, List<RecognizedWord> words) {
        double[] sum = new double[AcousticFeatures.CEPSTRA];
        double[] squares = new double[AcousticFeatures.CEPSTRA];
        long count = 0;
        for (RecognizedWord word : words) {
            int from = Math.max(0, (int) Math.floor(word.start() * AcousticFeatures.FRAMES_PER_SECOND));
            int to = Math.min(features.frames(), (int) Math.ceil(word.end() * AcousticFeatures.FRAMES_PER_SECOND));
            for (int f = from; f < to; f++) {
                if (speech[f]) {
                    float[] c = features.cepstra(f);
                    for (int k = 0; k < c.length; k++) {
                        sum[k] += c[k];
                        squares[k] += c[k] * c[k];
                    }
                    count++;
                }
            }
        }
        double[] scale = new double[AcousticFeatures.CEPSTRA];
        for (int k = 0; k < scale.length; k++) {
            double mean = count == 0 ? 0 : sum[k] / count;
            double variance = count == 0 ? 1 : squares[k] / count - mean * mean;
            scale[k] = Math.sqrt(Math.max(variance, 1e-6));
        }
        return scale;
    }

    /** How different two stretches of speech sound: cepstral mean distance and pitch distance combined. */
    double distance(VoiceStats a, VoiceStats b, Space space) {
        double[] scale = space.scale();
        double cepstral = 0;
        for (int k = 0; k < scale.length; k++) {
            double d = (a.mean(k) - b.mean(k)) / scale[k];
            cepstral += d * d;
        }
        cepstral = cepstral / scale.length / (settings.cepstralScale() * settings.cepstralScale());
        double pitch = 0;
        if (a.voicedFrames() >= MIN_FRAMES && b.voicedFrames() >= MIN_FRAMES) {
            double d = (a.medianPitch() - b.medianPitch()) / settings.pitchScale();
            pitch = d * d;
        }
        return Math.sqrt(cepstral + pitch);
    }

    /** Word-index ranges [from, to) between long pauses and detected speaker changes. */
    private List<int[]> segments(List<RecognizedWord> words, VoiceStats[] perWord, Space space) {
        int n = words.size();
        double[] change = new double[Math.max(0, n - 1)];
        boolean[] pause = new boolean[change.length];
        for (int b = 0; b < change.length; b++) {
            pause[b] = words.get(b + 1).start() - words.get(b).end() > settings.pauseBreak();
            if (pause[b]) {
                continue;
            }
            VoiceStats left = new VoiceStats();
            for (int j = b; j >= 0 && words.get(b).end() - words.get(j).start() <= settings.changeWindow()
                    && (j == b || !pause[j]); j--) {
                left.merge(perWord[j]);
            }
            VoiceStats right = new VoiceStats();
            for (int j = b + 1; j < n && words.get(j).end() - words.get(b + 1).start() <= settings.changeWindow(); j++) {
                if (j > b + 1 && words.get(j).start() - words.get(j - 1).end() > settings.pauseBreak()) {
                    break;
                }
                right.merge(perWord[j]);
            }
            if (left.frames() >= MIN_FRAMES && right.frames() >= MIN_FRAMES) {
                change[b] = distance(left, right, space);
            }
        }
        List<int[]> segments = new ArrayList<>();
        int from = 0;
        for (int b = 0; b < change.length; b++) {
            boolean peak = change[b] > settings.changeThreshold()
                    && (b == 0 || change[b] >= change[b - 1]) && (b == change.length - 1 || change[b] >= change[b + 1]);
            if (pause[b] || peak) {
                segments.add(new int[] { from, b + 1 });
                from = b + 1;
            }
        }
        segments.add(new int[] { from, n });
        return segments;
    }

    /**
     * Re-segmentation: each word goes to the speaker whose voice is closest to the voice around it (the words within
     * {@code refineWindow} seconds), which repairs stretches where a missed speaker change had mixed two voices.
     * Speakers left without words disappear; the labels stay 0, 1, … in order of their first word.
     */
    private int[] refine(int[] speaker, List<RecognizedWord> words, VoiceStats[] perWord, Space space) {
        int n = words.size();
        int count = Arrays.stream(speaker).max().orElse(-1) + 1;
        VoiceStats[] centroids = new VoiceStats[count];
        for (int c = 0; c < count; c++) {
            centroids[c] = new VoiceStats();
        }
        for (int i = 0; i < n; i++) {
            centroids[speaker[i]].merge(perWord[i]);
        }
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            double centre = middle(words.get(i));
            VoiceStats around = new VoiceStats();
            for (int j = i; j >= 0 && centre - middle(words.get(j)) <= settings.refineWindow(); j--) {
                around.merge(perWord[j]);
            }
            for (int j = i + 1; j < n && middle(words.get(j)) - centre <= settings.refineWindow(); j++) {
                around.merge(perWord[j]);
            }
            int best = speaker[i];
            if (around.frames() >= MIN_FRAMES) {
                double nearest = Double.MAX_VALUE;
                for (int c = 0; c < count; c++) {
                    double d = distance(around, centroids[c], space);
                    if (centroids[c].frames() > 0 && d < nearest) {
                        nearest = d;
                        best = c;
                    }
                }
            }
            next[i] = best;
        }
        int[] label = new int[count];
        Arrays.fill(label, -1);
        int used = 0;
        for (int i = 0; i < n; i++) {
            if (label[next[i]] < 0) {
                label[next[i]] = used++;
            }
            next[i] = label[next[i]];
        }
        return next;
    }

    private static double middle(RecognizedWord word) {
        return (word.start() + word.end()) / 2;
    }

    private int[] cluster(List<int[]> segments, VoiceStats[] perWord, Space space, int wordCount) {
        List<VoiceStats> clusters = new ArrayList<>();
        List<List<int[]>> members = new ArrayList<>();
        for (int[] segment : segments) {
            VoiceStats stats = new VoiceStats();
            for (int i = segment[0]; i < segment[1]; i++) {
                stats.merge(perWord[i]);
            }
            clusters.add(stats);
            members.add(new ArrayList<>(List.of(segment)));
        }
        mergeWhileCloser(clusters, members, space,
                space.ubm() == null ? settings.clusterThreshold() : settings.modelClusterThreshold());
        mergeSameVoices(clusters, members, space);
        foldSmallClusters(clusters, members, space);
        int[] speaker = new int[wordCount];
        for (int c = 0; c < members.size(); c++) {
            for (int[] segment : members.get(c)) {
                Arrays.fill(speaker, segment[0], segment[1], c);
            }
        }
        return speaker;
    }

    private void mergeWhileCloser(List<VoiceStats> clusters, List<List<int[]>> members, Space space, double limit) {
        // Tiny stretches have noisy means: they join their nearest neighbour first.
        mergeClosest(clusters, members, limit,
                (x, y) -> x.frames() < MIN_FRAMES || y.frames() < MIN_FRAMES ? 0 : distance(x, y, space));
    }

    /**
     * Clusters whose pitch is close and whose sounds fall in the same places of the background model are one voice
     * that intonation had split: they are merged, the most alike first.
     */
    private void mergeSameVoices(List<VoiceStats> clusters, List<List<int[]>> members, Space space) {
        if (space.ubm() == null) {
            return;
        }
        mergeClosest(clusters, members, settings.sameVoiceDistance(), (x, y) -> x.voicedFrames() < MIN_FRAMES
                || y.voicedFrames() < MIN_FRAMES
                || Math.abs(x.medianPitch() - y.medianPitch()) > settings.sameVoicePitch()
                        ? Double.POSITIVE_INFINITY
                        : VoiceStats.adaptedDistance(x, y, space.ubm(), settings.relevance()));
    }

    /**
     * Bottom-up merging: the closest two clusters by {@code distance} (infinite for a pair that may not merge) become
     * one, for as long as they are within {@code limit}.
     */
    private static void mergeClosest(List<VoiceStats> clusters, List<List<int[]>> members, double limit,
            ToDoubleBiFunction<VoiceStats, VoiceStats> distance) {
        while (clusters.size() > 1) {
            int bestA = -1;
            int bestB = -1;
            double best = Double.MAX_VALUE;
            for (int a = 0; a < clusters.size(); a++) {
                for (int b = a + 1; b < clusters.size(); b++) {
                    double d = distance.applyAsDouble(clusters.get(a), clusters.get(b));
                    if (d < best) {
                        best = d;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            if (best > limit) {
                return;
            }
            clusters.get(bestA).merge(clusters.remove(bestB));
            members.get(bestA).addAll(members.remove(bestB));
        }
    }

    private void foldSmallClusters(List<VoiceStats> clusters, List<List<int[]>> members, Space space) {
        double total = clusters.stream().mapToDouble(VoiceStats::seconds).sum();
        double minimum = Math.max(settings.minSpeakerSeconds(), settings.minSpeakerShare() * total);
        while (clusters.size() > 1) {
            int smallest = 0;
            for (int c = 1; c < clusters.size(); c++) {
                if (clusters.get(c).seconds() < clusters.get(smallest).seconds()) {
                    smallest = c;
                }
            }
            if (clusters.get(smallest).seconds() >= minimum) {
                return;
            }
            int nearest = -1;
            double best = Double.MAX_VALUE;
            for (int c = 0; c < clusters.size(); c++) {
                if (c != smallest) {
                    double d = distance(clusters.get(smallest), clusters.get(c), space);
                    if (d < best) {
                        best = d;
                        nearest = c;
                    }
                }
            }
            clusters.get(nearest).merge(clusters.remove(smallest));
            members.get(nearest).addAll(members.remove(smallest));
        }
    }
}

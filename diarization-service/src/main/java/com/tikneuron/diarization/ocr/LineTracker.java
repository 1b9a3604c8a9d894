package com.tikneuron.diarization.ocr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Turns the lines read on a video's sampled frames into timed cues: a line seen on consecutive frames counts once,
 * from the first frame that showed it to the last (a frame where Tesseract missed it in between does not split it);
 * the same line read slightly differently on two frames (or only in part) is one line, kept in its fullest and
 * most confident reading. Lines shown over the same frames form one cue, top to bottom.
 */
public final class LineTracker {

    // Two readings whose letters differ by at most this share (edit distance over length) are the same line.
    private static final double SAME_LINE = 0.25;
    // A reading that is part of another (one word of a line, say) counts as that line from this many letters on.
    private static final int MIN_PART = 4;
    // A line missing from this many frames in a row has left the screen.
    private static final int GAP = 1;

    private final double interval;
    private final double duration;
    private final List<Track> tracks = new ArrayList<>();
    private int frames;

    private static final class Track {
        final String key;
        String text;
        double score;
        int top;
        final int first;
        int last;

        Track(OcrLine line, int frame) {
            key = key(line.text());
            text = line.text();
            score = score(line);
            top = line.top();
            first = frame;
            last = frame;
        }
    }

    /** Frames were sampled every {@code interval} seconds from 0; the video lasts {@code duration} seconds. */
    public LineTracker(double interval, double duration) {
        this.interval = interval;
        this.duration = duration;
    }

    /** The lines of the next sampled frame, top to bottom. */
    public void add(List<OcrLine> lines) {
        int frame = frames++;
        List<Track> taken = new ArrayList<>();
        for (OcrLine line : lines) {
            if (partOfAnother(line, lines)) {
                continue;
            }
            Track match = null;
            String key = key(line.text());
            for (Track track : tracks) {
                if (track.last >= frame - 1 - GAP && track.last < frame && !taken.contains(track) && same(track.key, key)) {
                    match = track;
                    break;
                }
            }
            if (match == null) {
                match = new Track(line, frame);
                tracks.add(match);
            } else {
                match.last = frame;
                match.top = line.top();
                if (score(line) > match.score) {
                    match.text = line.text();
                    match.score = score(line);
                }
            }
            taken.add(match);
        }
    }

    /** The cues so far, in order of appearance; lines appearing and leaving together are one cue, top to bottom. */
    public List<TextCue> cues() {
        record Span(int first, int last) {
        }
        Map<Span, List<Track>> groups = new LinkedHashMap<>();
        tracks.stream().sorted(Comparator.comparingInt((Track track) -> track.first).thenComparingInt(track -> track.top))
                .forEach(track -> groups.computeIfAbsent(new Span(track.first, track.last), unused -> new ArrayList<>()).add(track));
        List<TextCue> cues = new ArrayList<>();
        groups.forEach((span, lines) -> cues.add(new TextCue(round(span.first() * interval),
                round(Math.min(duration, (span.last() + 1) * interval)),
                String.join(" ", lines.stream().sorted(Comparator.comparingInt(track -> track.top)).map(track -> track.text).toList()))));
        return cues;
    }

    /**
     * A fuller and surer reading beats a partial one: over a moving picture a frame may yield only "Spread" of
     * "Spread some butter", each word of it read with high confidence.
     */
    private static double score(OcrLine line) {
        return key(line.text()).length() * line.confidence();
    }

    /** A reading that repeats part of a longer line of the same frame (Tesseract read some words twice). */
    private static boolean partOfAnother(OcrLine line, List<OcrLine> lines) {
        String key = key(line.text());
        return lines.stream().map(other -> key(other.text()))
                .anyMatch(other -> other.length() > key.length() && key.length() >= MIN_PART && other.contains(key));
    }

    private static boolean same(String a, String b) {
        String shorter = a.length() <= b.length() ? a : b;
        String longer = a.length() <= b.length() ? b : a;
        if (a.equals(b) || (shorter.length() >= MIN_PART && longer.contains(shorter))) {
            return true;
        }
        return !longer.isEmpty() && LevenshteinDistance.getDefaultInstance().apply(a, b) <= SAME_LINE * longer.length();
    }

    /** What two readings of one line share: letters and digits, lower case. */
    private static String key(String text) {
        StringBuilder key = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
        return key.toString();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }
}

package com.tikneuron.subtitle.caption;

import java.util.ArrayList;
import java.util.List;

import com.tikneuron.subtitle.client.Transcription;

/**
 * Cues from a generated transcript's timed words: a cue ends at the end of a sentence (a word ending in . ! ? or
 * the end of one of the engine's segments, which the built-in engine cuts at pauses), or before it would grow past
 * {@value #MAX_CHARS} characters or {@value #MAX_SECONDS} seconds, the usual limits of one readable subtitle line.
 * A transcript without word timings is cut the same way, its words spread evenly over their segment.
 */
public final class GeneratedCues {

    public static final int MAX_CHARS = 42;
    public static final double MAX_SECONDS = 7.0;

    private GeneratedCues() {
    }

    public static List<Cue> of(Transcription transcription) {
        List<List<Transcription.Word>> sentences = sentences(transcription);
        List<Cue> cues = new ArrayList<>();
        for (List<Transcription.Word> sentence : sentences) {
            cut(sentence, cues);
        }
        return cues;
    }

    // The words grouped by segment: each word belongs to the last segment that starts no later than the word does.
    private static List<List<Transcription.Word>> sentences(Transcription transcription) {
        List<Transcription.Word> words = transcription.words() == null ? List.of() : transcription.words();
        List<Transcription.Segment> segments = transcription.segments() == null ? List.of() : transcription.segments();
        List<List<Transcription.Word>> sentences = new ArrayList<>();
        if (words.isEmpty()) {
            for (Transcription.Segment segment : segments) {
                sentences.add(spread(segment));
            }
            return sentences;
        }
        int next = 1;
        List<Transcription.Word> current = new ArrayList<>();
        for (Transcription.Word word : words) {
            boolean newSegment = false;
            // A small tolerance: engines round a segment's start and its first word's start differently.
            while (next < segments.size() && word.start() >= segments.get(next).start() - 0.05) {
                next++;
                newSegment = true;
            }
            if (newSegment && !current.isEmpty()) {
                sentences.add(current);
                current = new ArrayList<>();
            }
            current.add(word);
        }
        if (!current.isEmpty()) {
            sentences.add(current);
        }
        return sentences;
    }

    private static List<Transcription.Word> spread(Transcription.Segment segment) {
        String[] tokens = segment.text() == null ? new String[0] : segment.text().strip().split("\\s+");
        List<Transcription.Word> words = new ArrayList<>();
        int characters = 0;
        for (String token : tokens) {
            characters += token.length() + 1;
        }
        double span = Math.max(0, segment.end() - segment.start());
        double at = segment.start();
        for (String token : tokens) {
            if (token.isEmpty()) {
                continue;
            }
            double length = characters == 0 ? 0 : span * (token.length() + 1) / characters;
            words.add(new Transcription.Word(token, at, at + length));
            at += length;
        }
        return words;
    }

    private static void cut(List<Transcription.Word> sentence, List<Cue> cues) {
        List<Transcription.Word> cue = new ArrayList<>();
        int length = 0;
        for (Transcription.Word word : sentence) {
            String text = word.word() == null ? "" : word.word().strip();
            if (text.isEmpty()) {
                continue;
            }
            boolean tooLong = !cue.isEmpty() && length + 1 + text.length() > MAX_CHARS;
            boolean tooSlow = !cue.isEmpty() && word.end() - cue.get(0).start() > MAX_SECONDS;
            if (tooLong || tooSlow) {
                cues.add(cue(cue));
                cue.clear();
                length = 0;
            }
            cue.add(new Transcription.Word(text, word.start(), word.end()));
            length += (length == 0 ? 0 : 1) + text.length();
            if (endsSentence(text)) {
                cues.add(cue(cue));
                cue.clear();
                length = 0;
            }
        }
        if (!cue.isEmpty()) {
            cues.add(cue(cue));
        }
    }

    private static boolean endsSentence(String word) {
        char last = word.charAt(word.length() - 1);
        return last == '.' || last == '!' || last == '?' || last == '…';
    }

    private static Cue cue(List<Transcription.Word> words) {
        StringBuilder text = new StringBuilder();
        for (Transcription.Word word : words) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(word.word());
        }
        double start = words.get(0).start();
        double end = Math.max(start, words.get(words.size() - 1).end());
        return new Cue(start, end, text.toString());
    }
}

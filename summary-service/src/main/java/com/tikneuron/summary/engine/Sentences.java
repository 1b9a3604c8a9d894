package com.tikneuron.summary.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import com.tikneuron.summary.client.Transcript;

/** Splits a transcript into sentences, also when automatic captions come without punctuation. */
public final class Sentences {

    private static final Pattern END = Pattern.compile("(?<=[.!?;。！？؟…])\\s+");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    // Speech runs on without full stops in many ASR tracks; a "sentence" longer than this is cut at cue or word limits.
    private static final int MAX_WORDS = 40;
    private static final int TARGET_WORDS = 18;
    private static final int MIN_PIECE_WORDS = 4;

    private Sentences() {
    }

    public static List<String> of(Transcript transcript) {
        String text = transcript.text() == null ? "" : transcript.text().strip();
        List<String> byPunctuation = split(text);
        boolean runOn = byPunctuation.stream().anyMatch(sentence -> words(sentence) > MAX_WORDS);
        if (runOn && transcript.cues() != null && !transcript.cues().isEmpty()) {
            return fromCues(transcript.cues());
        }
        List<String> result = new ArrayList<>();
        for (String sentence : byPunctuation) {
            result.addAll(words(sentence) > MAX_WORDS ? byWords(sentence) : List.of(sentence));
        }
        return result;
    }

    /** Sentences of plain text, long run-on ones cut into pieces of about {@value #TARGET_WORDS} words. */
    public static List<String> of(String text) {
        List<String> result = new ArrayList<>();
        for (String sentence : split(text)) {
            result.addAll(words(sentence) > MAX_WORDS ? byWords(sentence) : List.of(sentence));
        }
        return result;
    }

    /**
     * At least {@code wanted} pieces when the transcript has the words for it, so that a short video still gets
     * several bullet points: caption cues grouped evenly where there are enough, else the words split evenly.
     */
    public static List<String> atLeast(Transcript transcript, List<String> sentences, int wanted) {
        String text = String.join(" ", sentences);
        String[] words = text.isBlank() ? new String[0] : SPACE.split(text.strip());
        if (sentences.size() >= wanted || words.length < wanted * MIN_PIECE_WORDS) {
            return sentences;
        }
        List<String> lines = transcript.cues() == null ? List.of() : transcript.cues().stream()
                .map(Transcript.Cue::text).filter(line -> line != null && !line.isBlank())
                .map(line -> SPACE.matcher(line).replaceAll(" ").strip()).toList();
        List<String> units = lines.size() >= wanted ? lines : List.of(words);
        List<String> pieces = new ArrayList<>();
        for (int piece = 0; piece < wanted; piece++) {
            int from = piece * units.size() / wanted;
            int to = (piece + 1) * units.size() / wanted;
            pieces.add(String.join(" ", units.subList(from, to)));
        }
        return pieces;
    }

    static int words(String sentence) {
        String trimmed = sentence.strip();
        return trimmed.isEmpty() ? 0 : SPACE.split(trimmed).length;
    }

    private static List<String> split(String text) {
        List<String> result = new ArrayList<>();
        for (String part : END.split(text.strip())) {
            String sentence = SPACE.matcher(part).replaceAll(" ").strip();
            if (!sentence.isEmpty()) {
                result.add(sentence);
            }
        }
        return result;
    }

    private static List<String> fromCues(List<Transcript.Cue> cues) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (Transcript.Cue cue : cues) {
            if (cue.text() == null || cue.text().isBlank()) {
                continue;
            }
            current.append(current.isEmpty() ? "" : " ").append(SPACE.matcher(cue.text()).replaceAll(" ").strip());
            if (words(current.toString()) >= TARGET_WORDS) {
                result.add(current.toString());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            result.add(current.toString());
        }
        return result;
    }

    private static List<String> byWords(String sentence) {
        String[] words = SPACE.split(sentence.strip());
        List<String> result = new ArrayList<>();
        int start = 0;
        while (start < words.length) {
            int end = Math.min(words.length, start + TARGET_WORDS);
            // A short tail reads better glued to the piece before it.
            if (words.length - end < TARGET_WORDS / 2) {
                end = words.length;
            }
            result.add(String.join(" ", Arrays.copyOfRange(words, start, end)));
            start = end;
        }
        return result;
    }
}

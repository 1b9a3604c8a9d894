package com.tikneuron.diarization.speech;

import java.util.List;

import com.tikneuron.diarization.engine.Word;

/**
 * What a speech engine heard: the language it detected (ISO 639-1), the audio's length in seconds, every word with
 * its timing and the words grouped into segments.
 */
public record Transcript(String language, double duration, List<Word> words, List<TranscriptSegment> segments) {

    public Transcript {
        words = List.copyOf(words);
        segments = List.copyOf(segments);
    }

    /** The segments' text, one space between them. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (TranscriptSegment segment : segments) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(segment.text());
        }
        return text.toString();
    }
}

package com.tikneuron.diarization.ocr;

import java.util.List;

/**
 * What a post shows in writing: timed cues (one per slide for a photo post), the languages, the number of letters
 * and digits, and whether that counts as text at all. {@code imagesSampled} are the frames or slides looked at,
 * {@code imagesRead} those Tesseract read (unchanged frames are not read again).
 */
public record OnScreenText(Kind kind, double duration, boolean hasText, int characters, List<String> languages,
        List<TextCue> cues, int imagesSampled, int imagesRead) {

    /** A video's sampled frames, or a photo post's slides. */
    public enum Kind {
        VIDEO, PHOTO_POST
    }

    /** The cues' text joined by spaces. */
    public String text() {
        return String.join(" ", cues.stream().map(TextCue::text).toList());
    }
}

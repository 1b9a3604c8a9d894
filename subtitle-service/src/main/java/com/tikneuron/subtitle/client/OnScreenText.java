package com.tikneuron.subtitle.client;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The text a post shows on screen, as diarization-service read it: {@code hasText} false means "no text" (fewer than
 * its threshold of letters and digits); {@code cached} is true when no reading ran for this request.
 */
@RegisterForReflection(targets = OnScreenText.TextCue.class)
public record OnScreenText(String videoId, String engine, String kind, boolean cached, boolean hasText, int characters,
        List<String> languages, double duration, String text, List<TextCue> cues) {

    /** A block of text, from the first sample that showed it to the next sample after the last; a slide of a photo post. */
    public record TextCue(double start, double end, String text) {
    }

    /** The language of most of the text; {@code und} when it could not be told. */
    public String language() {
        return languages == null || languages.isEmpty() ? "und" : languages.get(0);
    }
}

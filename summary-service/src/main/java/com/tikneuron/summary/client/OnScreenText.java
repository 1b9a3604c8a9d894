package com.tikneuron.summary.client;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The text a post shows on screen, as diarization-service read it: {@code hasText} false means "no text";
 * {@code cached} is true when no reading ran for this request.
 */
@RegisterForReflection(targets = OnScreenText.TextCue.class)
public record OnScreenText(String videoId, String engine, String kind, boolean cached, boolean hasText,
        List<String> languages, double duration, String text, List<TextCue> cues) {

    /** A block of text as shown, or one slide of a photo post. */
    public record TextCue(double start, double end, String text) {
    }

    /** The language of most of the text; {@code und} when it could not be told. */
    public String language() {
        return languages == null || languages.isEmpty() ? "und" : languages.get(0);
    }
}

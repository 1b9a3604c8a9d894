package com.tikneuron.diarization.rest;

import java.util.List;

import com.tikneuron.diarization.ocr.OnScreenText;
import com.tikneuron.diarization.ocr.TextCue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of POST /internal/v1/videos/{id}/on-screen-text (contracts/on-screen-text-internal-api.yaml). */
@RegisterForReflection(targets = {TextCue.class, OnScreenText.class, OnScreenText.Kind.class})
public record OnScreenTextResponse(String videoId, String engine, String kind, boolean cached, boolean hasText,
        int characters, List<String> languages, double duration, String text, List<TextCue> cues, int imagesSampled,
        int imagesRead) {
}

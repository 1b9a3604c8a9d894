package com.tikneuron.subtitle.service;

import java.util.List;

import com.tikneuron.subtitle.caption.Cue;

/** The words of a video: its chosen track as plain text and as timed cues, rolling repetitions removed. */
public record Transcript(String videoId, String language, String source, String text, List<Cue> cues) {
}

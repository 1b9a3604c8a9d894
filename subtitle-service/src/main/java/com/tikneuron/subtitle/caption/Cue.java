package com.tikneuron.subtitle.caption;

/** One timed piece of text; times in seconds, text already cleaned (no tags, entities decoded), lines joined by \n. */
public record Cue(double start, double end, String text) {
}

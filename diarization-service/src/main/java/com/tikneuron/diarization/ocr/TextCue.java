package com.tikneuron.diarization.ocr;

/** Text shown on screen from {@code start} to {@code end} seconds, its lines top to bottom joined by spaces. */
public record TextCue(double start, double end, String text) {
}

package com.tikneuron.diarization.ocr;

/** One line Tesseract read in an image: its words joined by spaces, where it sits, and how sure Tesseract was (0-100). */
public record OcrLine(String text, int top, int left, double confidence) {
}

package com.tikneuron.diarization.ocr;

/** The post's pictures cannot be read, for a reason that would not change on retry. The message is for the caller. */
public class OcrFailedException extends RuntimeException {

    public OcrFailedException(String message) {
        super(message);
    }
}

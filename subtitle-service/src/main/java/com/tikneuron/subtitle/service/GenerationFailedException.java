package com.tikneuron.subtitle.service;

/**
 * Generated subtitles could not be made, answered with the public API's status and error code: 422
 * {@code processing_failed} (the engine cannot do the language, the media could not be read, TikTok did not say how
 * long the video is) or 503 {@code service_unavailable} (the speech service is down or full). Any hold is voided.
 */
public class GenerationFailedException extends RuntimeException {

    private final int status;
    private final String errorCode;

    private GenerationFailedException(int status, String errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    public static GenerationFailedException processingFailed(String reason) {
        return new GenerationFailedException(422, "processing_failed", "Failed to process video: " + reason);
    }

    public static GenerationFailedException unavailable() {
        return new GenerationFailedException(503, "service_unavailable",
                "The speech service is temporarily unavailable; nothing was charged. Please retry shortly.");
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }
}

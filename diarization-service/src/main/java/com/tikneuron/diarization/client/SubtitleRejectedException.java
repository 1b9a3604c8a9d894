package com.tikneuron.diarization.client;

/** subtitle-service answered with a definite "no" (invalid URL, unavailable video, media too large). */
public class SubtitleRejectedException extends RuntimeException {

    public static final String INVALID_URL = "invalid_url";
    public static final String MEDIA_TOO_LARGE = "media_too_large";
    public static final String VIDEO_UNAVAILABLE = "video_unavailable";

    private final String errorCode;

    public SubtitleRejectedException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}

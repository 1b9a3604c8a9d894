package com.tikneuron.summary.client;

/** subtitle-service answered with a definite "no" (invalid URL, unavailable video, no captions). */
public class SubtitleRejectedException extends RuntimeException {

    public static final String INVALID_URL = "invalid_url";
    public static final String NO_SUBTITLE = "no_subtitle_available";
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

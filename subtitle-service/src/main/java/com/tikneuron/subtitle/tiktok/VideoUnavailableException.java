package com.tikneuron.subtitle.tiktok;

/** TikTok will not show this video (private, region-locked, removed, dead link…); the message says why. */
public class VideoUnavailableException extends RuntimeException {

    public VideoUnavailableException(String message) {
        super(message, null, false, false);
    }
}

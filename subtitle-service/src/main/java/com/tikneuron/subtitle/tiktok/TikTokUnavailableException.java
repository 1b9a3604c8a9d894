package com.tikneuron.subtitle.tiktok;

/** TikTok could not be reached or answered in a way we cannot use (time-out, 5xx, blocked page, oversized body). */
public class TikTokUnavailableException extends RuntimeException {

    public TikTokUnavailableException(String message) {
        super(message, null, false, false);
    }

    public TikTokUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

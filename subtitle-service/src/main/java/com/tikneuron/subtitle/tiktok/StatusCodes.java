package com.tikneuron.subtitle.tiktok;

/** TikTok's page status codes, in words a customer understands. */
public final class StatusCodes {

    private StatusCodes() {
    }

    public static String message(int statusCode) {
        return switch (statusCode) {
            case 10204 -> "This video does not exist or is no longer available";
            case 10216 -> "This video is private";
            case 10222 -> "This account is private";
            case 10221 -> "This account does not exist";
            case 10231 -> "This video is not available in this region";
            default -> "This video is not available";
        };
    }
}

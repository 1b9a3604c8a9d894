package com.tikneuron.subtitle.tiktok;

/** A URL that is not one of TikTok's public video URL forms, or one that leads somewhere we will not go. */
public class InvalidUrlException extends RuntimeException {

    public InvalidUrlException() {
        super("Please provide a valid TikTok URL.", null, false, false);
    }
}

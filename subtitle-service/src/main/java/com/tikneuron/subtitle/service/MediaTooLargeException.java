package com.tikneuron.subtitle.service;

/** The video's media is larger than the configured cap. */
public class MediaTooLargeException extends RuntimeException {

    public MediaTooLargeException(long limitBytes) {
        super("The video's media is larger than the " + (limitBytes >= 1024 * 1024 ? limitBytes / (1024 * 1024) + " MB" : limitBytes + " bytes")
                + " limit", null, false, false);
    }
}

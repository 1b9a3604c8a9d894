package com.tikneuron.subtitle.tiktok;

/** A response body went past the size cap for its kind; the transfer was cut off. */
public class ResponseTooLargeException extends RuntimeException {

    public ResponseTooLargeException(long limit) {
        super("response larger than " + limit + " bytes", null, false, false);
    }
}

package com.tikneuron.subtitle.tiktok;

/** A response body went past the size cap for its kind; the transfer was cut off. */
public class ResponseTooLargeException extends RuntimeException {

    private final long limit;

    public ResponseTooLargeException(long limit) {
        super("response larger than " + limit + " bytes", null, false, false);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}

package com.tikneuron.diarization.client;

/** The video's media cannot be had: it is unavailable or larger than allowed. The message is for the customer. */
public class MediaRejectedException extends RuntimeException {

    public MediaRejectedException(String message) {
        super(message);
    }
}

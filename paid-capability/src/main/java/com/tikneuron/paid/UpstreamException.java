package com.tikneuron.paid;

/** Another of our services could not answer (down, 5xx, 429, too slow): worth a retry, never the caller's fault. */
public class UpstreamException extends RuntimeException {

    public UpstreamException(String message) {
        super(message);
    }
}

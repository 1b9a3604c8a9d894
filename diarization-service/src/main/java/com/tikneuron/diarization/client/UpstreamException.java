package com.tikneuron.diarization.client;

/** Another service could not answer (down, 5xx, too slow): worth a retry, never the caller's fault. */
public class UpstreamException extends RuntimeException {

    public UpstreamException(String message) {
        super(message);
    }
}

package com.tikneuron.diarization.client;

/** The speech server refused the request for good (a 4xx other than 429): retrying would not help. */
public class SpeechRejectedException extends RuntimeException {

    private final int status;

    public SpeechRejectedException(int status) {
        super("The speech engine refused the audio (HTTP " + status + ")");
        this.status = status;
    }

    public int status() {
        return status;
    }
}

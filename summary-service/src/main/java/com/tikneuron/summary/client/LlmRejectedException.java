package com.tikneuron.summary.client;

/** The language model server refused the request for good (bad key, unknown model, request too large). */
public class LlmRejectedException extends RuntimeException {

    private final int status;

    public LlmRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

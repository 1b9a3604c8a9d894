package com.tikneuron.diarization.rest;

/** The gateway's headers are missing or malformed: the request did not come through the gateway properly. */
public class InvalidCallerException extends RuntimeException {

    public InvalidCallerException(String message) {
        super(message);
    }
}

package com.tikneuron.paid;

/** The gateway's headers are missing or malformed: the request did not come through the gateway properly (400). */
public class InvalidCallerException extends RuntimeException {

    public InvalidCallerException(String message) {
        super(message);
    }
}

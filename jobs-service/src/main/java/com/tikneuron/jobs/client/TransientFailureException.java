package com.tikneuron.jobs.client;

/** A call that may have reached the service but got no usable answer (5xx, timeout, connection lost). */
public class TransientFailureException extends RuntimeException {

    public TransientFailureException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

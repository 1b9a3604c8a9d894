package com.tikneuron.subtitle.client;

/** Billing could not be asked for a hold (down, timing out, or answering with something unusable). */
public class BillingUnavailableException extends RuntimeException {

    public BillingUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

package com.tikneuron.subtitle.client;

/** Billing refused the hold: the account cannot pay for this request. */
public class InsufficientCreditsException extends RuntimeException {

    public InsufficientCreditsException() {
        super("Insufficient credits", null, false, false);
    }
}

package com.tikneuron.diarization.client;

/** Billing refused the hold: the account cannot pay for the request. */
public class InsufficientCreditsException extends RuntimeException {

    public InsufficientCreditsException() {
        super("Insufficient credits");
    }
}

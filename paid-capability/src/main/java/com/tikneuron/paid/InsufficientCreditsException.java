package com.tikneuron.paid;

/** Billing refused the hold: the account cannot pay for the request (402). */
public class InsufficientCreditsException extends RuntimeException {

    public InsufficientCreditsException() {
        super("Insufficient credits");
    }
}

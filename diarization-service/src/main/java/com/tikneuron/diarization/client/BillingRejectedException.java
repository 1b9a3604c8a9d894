package com.tikneuron.diarization.client;

/** Billing refused the hold for a reason other than credits (unknown account, conflicting hold id). */
public class BillingRejectedException extends RuntimeException {

    public BillingRejectedException(String message) {
        super(message);
    }
}

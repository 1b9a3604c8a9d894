package com.tikneuron.paid;

/**
 * Billing refused the hold because the call was refunded already (409 {@code call_refunded}): its caller was told it
 * failed and gave up on it (a gateway timeout, a job's worker taken over), so work done now would be charged for an
 * answer nobody reads. A definite answer, not a fault of billing's.
 */
public class CallRefundedException extends RuntimeException {

    public CallRefundedException() {
        super("The call was refunded");
    }
}

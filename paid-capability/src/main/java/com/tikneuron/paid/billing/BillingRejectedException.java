package com.tikneuron.paid.billing;

/**
 * Billing refused the hold for a reason other than credits (404 unknown account, 409 conflicting hold id, 422 a body
 * it will not take). A definite answer, not a fault: never retried and never counted by the circuit breaker.
 */
public class BillingRejectedException extends RuntimeException {

    private final int status;

    public BillingRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

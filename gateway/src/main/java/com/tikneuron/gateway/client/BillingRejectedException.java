package com.tikneuron.gateway.client;

/** billing-service answered 422: a query parameter it does not accept, such as an unknown cursor. */
public class BillingRejectedException extends RuntimeException {

    public BillingRejectedException() {
        super("Rejected by billing", null, false, false);
    }
}

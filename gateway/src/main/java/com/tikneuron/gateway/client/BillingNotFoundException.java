package com.tikneuron.gateway.client;

/** billing-service answered 404: unknown key digest or unknown account. */
public class BillingNotFoundException extends RuntimeException {

    public BillingNotFoundException() {
        super("Not found in billing", null, false, false);
    }
}

package com.tikneuron.paid;

import java.util.Map;

import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the billing stand-in (contracts/billing-internal-api.yaml) and points the billing client at it. */
public class BillingResource implements QuarkusTestResourceLifecycleManager {

    private static BillingStandIn billing;

    @Override
    public Map<String, String> start() {
        billing = new BillingStandIn();
        return Map.of("quarkus.rest-client.billing.url", billing.baseUrl());
    }

    @Override
    public void stop() {
        billing.stop();
    }

    static BillingStandIn billing() {
        return billing;
    }
}

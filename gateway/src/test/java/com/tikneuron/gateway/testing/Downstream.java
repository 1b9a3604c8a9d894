package com.tikneuron.gateway.testing;

import java.util.Map;

import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Plays billing-service (the shared {@link BillingStandIn}) and the three capability services for the gateway's
 * component tests, and points the gateway's REST clients at them.
 */
public class Downstream implements QuarkusTestResourceLifecycleManager {

    private static BillingStandIn billing;
    private static FakeService subtitle;
    private static FakeService summary;
    private static FakeService diarization;

    @Override
    public synchronized Map<String, String> start() {
        if (billing == null) {
            billing = new BillingStandIn();
            subtitle = new FakeService("subtitle-service");
            summary = new FakeService("summary-service");
            diarization = new FakeService("diarization-service");
        }
        return Map.of(
                "quarkus.rest-client.billing.url", billing.baseUrl(),
                "tikneuron.gateway.downstream.subtitle.url", subtitle.url(),
                "tikneuron.gateway.downstream.summary.url", summary.url(),
                "tikneuron.gateway.downstream.diarization.url", diarization.url());
    }

    @Override
    public void stop() {
        // The fakes serve every test profile of this JVM run; the JVM's exit closes their sockets.
    }

    /** billing-service, shared with the capability services' tests (capability-test-support). */
    public static BillingStandIn billing() {
        return billing;
    }

    public static FakeService subtitle() {
        return subtitle;
    }

    public static FakeService summary() {
        return summary;
    }

    public static FakeService diarization() {
        return diarization;
    }

    /** Forgets everything the stand-ins received and were told. */
    public static void resetAll() {
        billing.reset();
        subtitle.reset();
        summary.reset();
        diarization.reset();
    }
}

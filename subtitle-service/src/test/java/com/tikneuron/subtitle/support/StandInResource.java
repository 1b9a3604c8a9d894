package com.tikneuron.subtitle.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.tikneuron.standin.TikTokStandIn;
import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the TikTok, billing and speech (and on-screen text) stand-ins, and points the service at them. */
public class StandInResource implements QuarkusTestResourceLifecycleManager {

    private TikTokStandIn standIn;
    private static BillingStandIn billing;
    private SpeechStandIn speech;

    @Override
    public Map<String, String> start() {
        try {
            standIn = TikTokStandIn.start(0);
            billing = new BillingStandIn();
            speech = new SpeechStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("tikneuron.tiktok.origin", standIn.origin(), "quarkus.rest-client.billing.url", billing.baseUrl(),
                "quarkus.rest-client.speech.url", speech.url(), "quarkus.rest-client.on-screen-text.url", speech.url());
    }

    /** billing-service's stand-in (capability-test-support), shared by every test of this service. */
    public static BillingStandIn billing() {
        return billing;
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.close();
        }
        if (billing != null) {
            billing.stop();
        }
        if (speech != null) {
            speech.close();
        }
    }
}

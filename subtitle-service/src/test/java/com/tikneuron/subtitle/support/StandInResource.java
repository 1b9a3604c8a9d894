package com.tikneuron.subtitle.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.tikneuron.standin.TikTokStandIn;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the TikTok stand-in and the billing stand-in, and points the service at both. */
public class StandInResource implements QuarkusTestResourceLifecycleManager {

    private TikTokStandIn standIn;
    private FakeBilling billing;

    @Override
    public Map<String, String> start() {
        try {
            standIn = TikTokStandIn.start(0);
            billing = new FakeBilling();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("tikneuron.tiktok.origin", standIn.origin(), "quarkus.rest-client.billing.url", billing.url());
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.close();
        }
        if (billing != null) {
            billing.close();
        }
    }
}

package com.tikneuron.subtitle.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.tikneuron.standin.TikTokStandIn;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the TikTok, billing and speech (and on-screen text) stand-ins, and points the service at them. */
public class StandInResource implements QuarkusTestResourceLifecycleManager {

    private TikTokStandIn standIn;
    private FakeBilling billing;
    private SpeechStandIn speech;

    @Override
    public Map<String, String> start() {
        try {
            standIn = TikTokStandIn.start(0);
            billing = new FakeBilling();
            speech = new SpeechStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("tikneuron.tiktok.origin", standIn.origin(), "quarkus.rest-client.billing.url", billing.url(),
                "quarkus.rest-client.speech.url", speech.url(), "quarkus.rest-client.on-screen-text.url", speech.url());
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.close();
        }
        if (billing != null) {
            billing.close();
        }
        if (speech != null) {
            speech.close();
        }
    }
}

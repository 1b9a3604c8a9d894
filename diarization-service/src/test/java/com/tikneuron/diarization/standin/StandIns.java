package com.tikneuron.diarization.standin;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import com.tikneuron.testsupport.BillingStandIn;

/** Starts the stand-ins for what a component test cannot reach: subtitle-service, billing-service, a remote engine. */
public class StandIns implements QuarkusTestResourceLifecycleManager {

    private static SubtitleStandIn subtitles;
    private static BillingStandIn billing;
    private static RemoteEngineStandIn remote;

    @Override
    public Map<String, String> start() {
        subtitles = new SubtitleStandIn();
        billing = new BillingStandIn();
        remote = new RemoteEngineStandIn();
        return Map.of(
                "quarkus.rest-client.subtitle.url", subtitles.baseUrl(),
                "quarkus.rest-client.billing.url", billing.baseUrl(),
                "tikneuron.diarization.remote.url", remote.baseUrl(),
                "tikneuron.diarization.remote.api-key", RemoteEngineStandIn.API_KEY);
    }

    @Override
    public void stop() {
        subtitles.stop();
        billing.stop();
        remote.stop();
    }

    public static SubtitleStandIn subtitles() {
        return subtitles;
    }

    public static BillingStandIn billing() {
        return billing;
    }

    public static RemoteEngineStandIn remote() {
        return remote;
    }
}

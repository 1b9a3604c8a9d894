package com.tikneuron.diarization.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import com.tikneuron.standin.TikTokStandIn;
import com.tikneuron.testsupport.BillingStandIn;

/**
 * Starts the stand-ins for what a component test cannot reach: subtitle-service, billing-service, a remote
 * diarization engine, and an OpenAI-compatible speech server (played by the TikTok stand-in).
 */
public class StandIns implements QuarkusTestResourceLifecycleManager {

    private static SubtitleStandIn subtitles;
    private static BillingStandIn billing;
    private static RemoteEngineStandIn remote;
    private static TikTokStandIn speech;

    @Override
    public Map<String, String> start() {
        subtitles = new SubtitleStandIn();
        billing = new BillingStandIn();
        remote = new RemoteEngineStandIn();
        try {
            speech = TikTokStandIn.start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "tikneuron.speech.remote.base-url", speech.origin() + "/v1",
                "tikneuron.speech.remote.api-key", "sk-speech-stand-in",
                // The TikTok stand-in plays TikTok's image CDN for photo-post slides
                "tikneuron.ocr.image-origin", speech.origin(),
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
        speech.close();
    }

    public static SubtitleStandIn subtitles() {
        return subtitles;
    }

    public static BillingStandIn billing() {
        return billing;
    }

    /** The OpenAI-compatible speech server (the TikTok stand-in's /v1/audio/transcriptions). */
    public static TikTokStandIn speech() {
        return speech;
    }

    public static RemoteEngineStandIn remote() {
        return remote;
    }
}

package com.tikneuron.summary.standin;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import com.tikneuron.testsupport.BillingStandIn;

/**
 * Starts the stand-ins for what a component test cannot reach: subtitle-service, billing-service, the speech
 * service of diarization-service and a language model server. With the argument llm=off the service is started with no language model at all.
 */
public class StandIns implements QuarkusTestResourceLifecycleManager {

    private static SubtitleStandIn subtitles;
    private static BillingStandIn billing;
    private static LlmStandIn llm;
    private static SpeechStandIn speech;
    private boolean withLlm = true;

    @Override
    public void init(Map<String, String> initArgs) {
        withLlm = !"off".equals(initArgs.get("llm"));
    }

    @Override
    public Map<String, String> start() {
        subtitles = new SubtitleStandIn();
        billing = new BillingStandIn();
        llm = new LlmStandIn();
        speech = new SpeechStandIn();
        return Map.of(
                "quarkus.rest-client.subtitle.url", subtitles.baseUrl(),
                "quarkus.rest-client.speech.url", speech.baseUrl(),
                "quarkus.rest-client.on-screen-text.url", speech.baseUrl(),
                "quarkus.rest-client.billing.url", billing.baseUrl(),
                "tikneuron.llm.base-url", withLlm ? llm.baseUrl() + "/v1" : "",
                "tikneuron.llm.api-key", withLlm ? "sk-stand-in-key" : "",
                "tikneuron.llm.model", "stand-in-model");
    }

    @Override
    public void stop() {
        subtitles.stop();
        billing.stop();
        llm.stop();
        speech.stop();
    }

    public static SubtitleStandIn subtitles() {
        return subtitles;
    }

    public static BillingStandIn billing() {
        return billing;
    }

    public static LlmStandIn llm() {
        return llm;
    }

    public static SpeechStandIn speech() {
        return speech;
    }
}

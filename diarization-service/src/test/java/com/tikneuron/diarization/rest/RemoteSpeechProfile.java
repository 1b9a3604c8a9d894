package com.tikneuron.diarization.rest;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The same service with the remote speech engine (the OpenAI-compatible stand-in) and a breaker that opens after
 * four calls, so the fault tests run fast; nothing else changes.
 */
public class RemoteSpeechProfile implements QuarkusTestProfile {

    private static final String BREAKER = "com.tikneuron.diarization.client.TranscriptionsClient/transcribe/CircuitBreaker/";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tikneuron.speech.engine", "remote",
                BREAKER + "requestVolumeThreshold", "4",
                BREAKER + "delay", "60000");
    }
}

package com.tikneuron.gateway.rest;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Small limits and short timeouts, so rate limiting, timeouts and circuit breaking show within a test. */
public class TightLimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        for (String prefix : new String[] { "", "%test." }) {
            config.put(prefix + "tikneuron.gateway.rate-limit.requests-per-minute", "3");
            config.put(prefix + "tikneuron.gateway.rate-limit.burst", "3");
        }
        config.put("tikneuron.gateway.downstream.subtitle.timeout", "300ms");
        config.put("tikneuron.gateway.downstream.diarization.circuit-breaker.request-volume-threshold", "4");
        return config;
    }
}

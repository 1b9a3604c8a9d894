package com.tikneuron.gateway.rest;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Five refused keys per address and minute, so guessing is cut off within a test. */
public class KeyGuessingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tikneuron.gateway.auth-failures.per-minute", "5",
                "%test.tikneuron.gateway.auth-failures.per-minute", "5");
    }
}

package com.tikneuron.diarization.rest;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The same service with the remote engine: nothing but configuration changes. */
public class RemoteEngineProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tikneuron.diarization.engine", "remote", "tikneuron.diarization.remote.protocol", "whisperx");
    }
}

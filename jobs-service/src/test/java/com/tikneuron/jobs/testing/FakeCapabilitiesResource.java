package com.tikneuron.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts FakeCapabilities and points jobs-service's capability and billing URLs at it. */
public class FakeCapabilitiesResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            String url = FakeCapabilities.start().url();
            return Map.of(
                    "tikneuron.jobs.capability.subtitle.url", url,
                    "tikneuron.jobs.capability.summarize.url", url,
                    "tikneuron.jobs.capability.diarization.url", url,
                    "tikneuron.jobs.billing-url", url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}

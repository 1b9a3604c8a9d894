package com.tikneuron.gateway.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Plays jobs-service for the gateway's tests of the jobs API, and points the gateway at it. */
public class JobsDownstream implements QuarkusTestResourceLifecycleManager {

    private static FakeService jobs;

    @Override
    public synchronized Map<String, String> start() {
        if (jobs == null) {
            jobs = new FakeService("jobs-service");
        }
        return Map.of("tikneuron.jobs.url", jobs.url());
    }

    @Override
    public void stop() {
        // Shared by every test profile of this JVM run, like Downstream's fakes.
    }

    public static FakeService jobs() {
        return jobs;
    }
}

package com.tikneuron.gateway.client;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** billing-service's view of an API key, with its account's plan (absent from a billing that predates plans). */
public record KeyRecord(
        @JsonProperty("account_id") String accountId,
        @JsonProperty("key_id") String keyId,
        String mode,
        String status,
        Plan plan) {

    public boolean active() {
        return "active".equals(status);
    }

    /** The account's limits. */
    @RegisterForReflection
    public record Plan(
            @JsonProperty("requests_per_minute") long requestsPerMinute,
            long burst,
            @JsonProperty("concurrent_jobs") long concurrentJobs) {
    }
}

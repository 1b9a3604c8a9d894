package com.tikneuron.jobs.job;

import java.util.Arrays;
import java.util.Optional;

/** What a job runs: one of the three paid endpoints, named as in {@code POST /api/v1/jobs}'s {@code type}. */
public enum JobType {

    SUBTITLE("subtitle", "subtitle-service"),
    SUMMARIZE("summarize", "summary-service"),
    DIARIZATION("diarization", "diarization-service");

    private final String value;
    private final String service;

    JobType(String value, String service) {
        this.value = value;
        this.service = service;
    }

    /** The public name, which is also the last segment of the synchronous route /api/v1/tiktok/{value}. */
    public String value() {
        return value;
    }

    public String service() {
        return service;
    }

    public static Optional<JobType> of(String value) {
        return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
    }
}

package com.tikneuron.jobs.job;

/**
 * A job about to be stored. {@code sampleResult} is a test key's answer; {@code error} (with {@code errorStatus}) is
 * the validation error of a batch item the gateway refused, stored as failed at once and never queued.
 */
public record NewJob(String id, String accountId, String keyMode, String batchId, JobType type, String input,
        String sampleResult, String error, Integer errorStatus, String metadata, String webhookUrl) {

    public boolean refused() {
        return error != null;
    }
}

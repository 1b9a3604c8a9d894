package com.tikneuron.jobs.job;

import java.time.OffsetDateTime;

/** One job as stored; JSON columns are kept as their text. Never leaves the service: the API speaks JobView. */
public record JobRecord(long seq, String id, String accountId, String keyMode, String batchId, String type,
        String input, String sampleResult, String status, String result, String error, Integer errorStatus,
        int creditsCharged, String metadata, String webhookUrl, int attempt, OffsetDateTime createdAt,
        OffsetDateTime startedAt, OffsetDateTime completedAt, OffsetDateTime cancelledAt) {

    public boolean test() {
        return "test".equals(keyMode);
    }
}

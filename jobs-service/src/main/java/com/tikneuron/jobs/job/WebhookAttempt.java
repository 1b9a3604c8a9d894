package com.tikneuron.jobs.job;

import java.time.OffsetDateTime;

/** One try at delivering one webhook event, as listed on the job. */
public record WebhookAttempt(String eventId, String event, int attempt, OffsetDateTime attemptedAt,
        Integer statusCode, String error, int durationMs) {
}

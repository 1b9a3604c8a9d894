package com.tikneuron.jobs.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tikneuron.jobs.job.JobRecord;
import com.tikneuron.jobs.job.WebhookAttempt;
import com.tikneuron.jobs.repository.BatchRepository.BatchRecord;

/** The public JSON of jobs and batches (contracts/public-api.yaml), built from their stored records. */
@ApplicationScoped
public class JobViews {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private final ObjectMapper mapper;

    JobViews(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A job; its webhook attempts when given (null leaves the field out, as in webhook payloads). */
    public ObjectNode job(JobRecord job, List<WebhookAttempt> attempts) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", job.id());
        node.put("object", "job");
        node.put("type", job.type());
        node.put("status", job.status());
        if (job.batchId() != null) {
            node.put("batch_id", job.batchId());
        }
        node.set("input", json(job.input()));
        node.set("result", json(job.result()));
        node.set("error", json(job.error()));
        node.put("credits_charged", job.creditsCharged());
        if ("cancelled".equals(job.status())) {
            // Nothing is taken from a queued job, so nothing is ever given back
            node.put("credits_refunded", 0);
        }
        node.set("metadata", json(job.metadata()));
        node.put("webhook_url", job.webhookUrl());
        if (job.test()) {
            node.put("livemode", false);
        }
        node.put("created_at", time(job.createdAt()));
        node.put("started_at", time(job.startedAt()));
        node.put("completed_at", time(job.completedAt()));
        node.put("cancelled_at", time(job.cancelledAt()));
        if (attempts != null) {
            ArrayNode list = node.putArray("webhook_attempts");
            for (WebhookAttempt attempt : attempts) {
                ObjectNode entry = list.addObject();
                entry.put("event_id", attempt.eventId());
                entry.put("event", attempt.event());
                entry.put("attempt", attempt.attempt());
                entry.put("attempted_at", time(attempt.attemptedAt()));
                entry.put("status_code", attempt.statusCode());
                entry.put("delivered", attempt.statusCode() != null && attempt.statusCode() >= 200
                        && attempt.statusCode() < 300);
                entry.put("error", attempt.error());
                entry.put("duration_ms", attempt.durationMs());
            }
        }
        return node;
    }

    public ObjectNode batch(BatchRecord batch, Map<String, Long> counts, List<String> jobIds) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", batch.id());
        node.put("object", "batch");
        node.put("type", batch.type());
        node.put("status", batch.completedAt() == null ? "processing" : "completed");
        node.put("total", batch.total());
        ObjectNode byStatus = node.putObject("counts");
        counts.forEach(byStatus::put);
        if (jobIds != null) {
            ArrayNode ids = node.putArray("job_ids");
            jobIds.forEach(ids::add);
        }
        node.set("metadata", json(batch.metadata()));
        node.put("webhook_url", batch.webhookUrl());
        node.put("created_at", time(batch.createdAt()));
        node.put("completed_at", time(batch.completedAt()));
        return node;
    }

    JsonNode json(String text) {
        if (text == null) {
            return NullNode.instance;
        }
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored JSON column is always valid", e);
        }
    }

    static String time(OffsetDateTime time) {
        return time == null ? null : TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}

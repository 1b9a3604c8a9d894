package com.tikneuron.jobs.service;

import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tikneuron.jobs.job.JobIds;
import com.tikneuron.jobs.job.JobRecord;
import com.tikneuron.jobs.repository.BatchRepository.BatchRecord;
import com.tikneuron.jobs.repository.JobRepository;
import com.tikneuron.jobs.repository.WebhookRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes {@code job.completed}, {@code job.failed} and {@code batch.completed} events in the transaction that ends
 * the job or batch, so an event exists exactly when the state change does; WebhookDispatcher delivers them.
 */
@ApplicationScoped
public class WebhookEventWriter implements JobRepository.WebhookEvents {

    private final JobViews views;
    private final ObjectMapper mapper;

    WebhookEventWriter(JobViews views, ObjectMapper mapper) {
        this.views = views;
        this.mapper = mapper;
    }

    @Override
    public Uni<Void> jobFinished(SqlClient connection, JobRecord job) {
        if (job.webhookUrl() == null || !(job.status().equals("completed") || job.status().equals("failed"))) {
            return Uni.createFrom().voidItem();
        }
        String type = "job." + job.status();
        String id = JobIds.eventId(job.id(), type);
        return WebhookRepository.insertEvent(connection, id, job.accountId(), job.id(), null, type, job.webhookUrl(),
                payload(id, type, views.job(job, null)));
    }

    @Override
    public Uni<Void> batchFinished(SqlClient connection, BatchRecord batch) {
        if (batch.webhookUrl() == null) {
            return Uni.createFrom().voidItem();
        }
        String type = "batch.completed";
        String id = JobIds.eventId(batch.id(), type);
        return connection.preparedQuery("SELECT status, count(*) FROM jobs.job WHERE batch_id = $1 GROUP BY status")
                .execute(Tuple.of(batch.id()))
                .chain(rows -> {
                    Map<String, Long> counts = new java.util.LinkedHashMap<>();
                    for (String status : new String[] { "queued", "processing", "completed", "failed", "cancelled" }) {
                        counts.put(status, 0L);
                    }
                    rows.forEach(row -> counts.put(row.getString(0), row.getLong(1)));
                    return WebhookRepository.insertEvent(connection, id, batch.accountId(), null, batch.id(), type,
                            batch.webhookUrl(), payload(id, type, views.batch(batch, counts, null)));
                });
    }

    private String payload(String id, String type, ObjectNode data) {
        ObjectNode event = mapper.createObjectNode();
        event.put("id", id);
        event.put("object", "event");
        event.put("type", type);
        event.put("created_at", JobViews.time(OffsetDateTime.now()));
        event.set("data", data);
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event always serializes", e);
        }
    }
}

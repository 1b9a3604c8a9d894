package com.tikneuron.jobs.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tikneuron.jobs.config.JobsConfig;
import com.tikneuron.jobs.job.JobIds;
import com.tikneuron.jobs.job.JobRecord;
import com.tikneuron.jobs.job.JobType;
import com.tikneuron.jobs.job.NewJob;
import com.tikneuron.jobs.messaging.JobQueueProducer;
import com.tikneuron.jobs.messaging.JobQueueProducer.QueuedJob;
import com.tikneuron.jobs.repository.BatchRepository;
import com.tikneuron.jobs.repository.JobRepository;
import com.tikneuron.jobs.webhook.WebhookAddresses;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The jobs API: accepts jobs and batches (stored, then queued on Kafka), reads them, lists them and cancels queued
 * ones. The gateway has already checked the key and validated every input against the synchronous endpoint's
 * contract; what is checked here is what only this service knows: type, metadata, webhook_url, batch size.
 */
@ApplicationScoped
public class JobService {

    static final int MAX_METADATA_KEYS = 20;
    static final int MAX_METADATA_KEY_LENGTH = 40;
    static final int MAX_METADATA_VALUE_LENGTH = 500;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final List<String> STATUSES = List.of("queued", "processing", "completed", "failed", "cancelled");

    private final JobRepository jobs;
    private final BatchRepository batches;
    private final JobQueueProducer queue;
    private final WebhookEventWriter events;
    private final WebhookAddresses addresses;
    private final JobViews views;
    private final ObjectMapper mapper;
    private final int maxBatchItems;

    JobService(JobRepository jobs, BatchRepository batches, JobQueueProducer queue, WebhookEventWriter events,
            WebhookAddresses addresses, JobViews views, ObjectMapper mapper, JobsConfig config) {
        this.jobs = jobs;
        this.batches = batches;
        this.queue = queue;
        this.events = events;
        this.addresses = addresses;
        this.views = views;
        this.mapper = mapper;
        this.maxBatchItems = config.maxBatchItems();
    }

    /** The account and key mode the gateway vouches for (service credential), and the caller's request id. */
    public record Caller(String accountId, String keyMode, String requestId) {
    }

    public Uni<ObjectNode> create(Caller caller, JsonNode body) {
        return checked(body, false).chain(common -> {
            NewJob job = newJob(caller, null, common, body.get("input"), body.get("sample_result"), null);
            // Read back before it is published, so the answer shows the job as accepted (queued), not as a worker
            // may already have changed it
            return jobs.insert(Optional.empty(), List.of(job), events)
                    .chain(() -> jobs.find(caller.accountId(), job.id()))
                    .map(stored -> views.job(stored.orElseThrow(), List.of()))
                    .call(() -> publish(List.of(job)));
        });
    }

    public Uni<ObjectNode> createBatch(Caller caller, JsonNode body) {
        return checked(body, true).chain(common -> {
            String batchId = JobIds.newBatchId();
            List<NewJob> created = new ArrayList<>();
            for (JsonNode item : body.get("items")) {
                created.add(newJob(caller, batchId, common, item.get("input"), item.get("sample_result"),
                        item.get("error")));
            }
            JobRepository.NewBatch batch = new JobRepository.NewBatch(batchId, caller.accountId(), caller.keyMode(),
                    common.type().value(), common.webhookUrl(), common.metadata(), created.size());
            return jobs.insert(Optional.of(batch), created, events)
                    .chain(() -> batch(caller, batchId, true))
                    .call(() -> publish(created));
        });
    }

    public Uni<ObjectNode> get(Caller caller, String id) {
        if (!JobIds.isJobId(id)) {
            return Uni.createFrom().failure(ApiException.notFound("job"));
        }
        return jobs.find(caller.accountId(), id).chain(job -> job.isEmpty()
                ? Uni.createFrom().failure(ApiException.notFound("job"))
                : jobs.attempts(id).map(attempts -> views.job(job.get(), attempts)));
    }

    public Uni<ObjectNode> list(Caller caller, String status, String limitText, String startingAfter) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (status != null && !STATUSES.contains(status)) {
            errors.put("status", List.of("Status must be one of: " + String.join(", ", STATUSES) + "."));
        }
        int limit = DEFAULT_LIMIT;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.put("limit", List.of("Limit must be an integer from 1 to " + MAX_LIMIT + "."));
            }
        }
        if (startingAfter != null && !JobIds.isJobId(startingAfter)) {
            errors.put("starting_after", List.of("Starting after must be a job id."));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid(errors));
        }
        int pageSize = limit;
        return jobs.list(caller.accountId(), status, pageSize + 1, startingAfter).map(found -> {
            ObjectNode page = mapper.createObjectNode();
            page.put("object", "list");
            ArrayNode data = page.putArray("data");
            List<JobRecord> shown = found.subList(0, Math.min(pageSize, found.size()));
            shown.forEach(job -> data.add(views.job(job, null)));
            boolean more = found.size() > pageSize;
            page.put("has_more", more);
            page.put("next_cursor", more ? shown.get(shown.size() - 1).id() : null);
            return page;
        });
    }

    /** A queued job is cancelled and charged nothing; a processing one is refused with 409, as is a finished one. */
    public Uni<ObjectNode> cancel(Caller caller, String id) {
        if (!JobIds.isJobId(id)) {
            return Uni.createFrom().failure(ApiException.notFound("job"));
        }
        return jobs.cancel(caller.accountId(), id).map(job -> {
            JobRecord found = job.orElseThrow(() -> ApiException.notFound("job"));
            return switch (found.status()) {
                case "cancelled" -> views.job(found, null);
                case "processing" -> throw ApiException.of(409, "job_processing",
                        "The job is already processing and can no longer be cancelled.");
                default -> throw ApiException.of(409, "job_finished",
                        "The job has already finished (" + found.status() + ") and can no longer be cancelled.");
            };
        });
    }

    public Uni<ObjectNode> batch(Caller caller, String id, boolean withJobIds) {
        if (!JobIds.isBatchId(id)) {
            return Uni.createFrom().failure(ApiException.notFound("batch"));
        }
        return batches.find(caller.accountId(), id).chain(batch -> {
            if (batch.isEmpty()) {
                return Uni.createFrom().failure(ApiException.notFound("batch"));
            }
            return batches.counts(id).chain(counts -> jobs.ofBatch(id).map(members -> views.batch(batch.get(), counts,
                    members.stream().map(JobRecord::id).toList())));
        });
    }

    private Uni<Void> publish(List<NewJob> created) {
        List<QueuedJob> queued = created.stream().filter(job -> !job.refused())
                .map(job -> new QueuedJob(job.id(), job.accountId())).toList();
        // A job stored but not published (the broker down just now) is published by the recovery sweep
        return queue.publish(queued)
                .call(() -> jobs.markPublished(queued.stream().map(QueuedJob::jobId).toList()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private record Common(JobType type, String webhookUrl, String metadata) {
    }

    // Checks the fields of both POSTs; the webhook URL's host is resolved, so this runs off the event loop.
    private Uni<Common> checked(JsonNode body, boolean batch) {
        return Uni.createFrom().item(() -> check(body, batch)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Common check(JsonNode body, boolean batch) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (body == null || !body.isObject()) {
            throw ApiException.invalid(Map.of("type", List.of("The type field is required.")));
        }
        JsonNode typeNode = body.get("type");
        Optional<JobType> type = typeNode != null && typeNode.isTextual() ? JobType.of(typeNode.textValue())
                : Optional.empty();
        if (type.isEmpty()) {
            errors.put("type", List.of("Type must be one of: subtitle, summarize, diarization."));
        }
        if (batch) {
            JsonNode items = body.get("items");
            if (items == null || !items.isArray() || items.isEmpty() || items.size() > maxBatchItems) {
                errors.put("items", List.of("Items must be a list of 1 to " + maxBatchItems + " inputs."));
            } else {
                for (JsonNode item : items) {
                    if (!item.path("input").isObject()) {
                        errors.put("items", List.of("Every item must be an object of the endpoint's fields."));
                        break;
                    }
                }
            }
        } else if (!body.path("input").isObject()) {
            errors.put("input", List.of("The input field is required."));
        }
        String webhookUrl = null;
        JsonNode webhook = body.get("webhook_url");
        if (webhook != null && !webhook.isNull()) {
            if (!webhook.isTextual()) {
                errors.put("webhook_url", List.of("The webhook url must be an https URL of a public host."));
            } else {
                webhookUrl = webhook.textValue();
                addresses.problem(webhookUrl).ifPresent(problem -> errors.put("webhook_url", List.of(problem)));
            }
        }
        JsonNode metadata = body.get("metadata");
        String metadataText = "{}";
        if (metadata != null && !metadata.isNull()) {
            if (!validMetadata(metadata)) {
                errors.put("metadata", List.of("Metadata must be an object of at most " + MAX_METADATA_KEYS
                        + " string values, keys of at most " + MAX_METADATA_KEY_LENGTH + " and values of at most "
                        + MAX_METADATA_VALUE_LENGTH + " characters."));
            } else {
                metadataText = metadata.toString();
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Common(type.orElseThrow(), webhookUrl, metadataText);
    }

    private static boolean validMetadata(JsonNode metadata) {
        if (!metadata.isObject() || metadata.size() > MAX_METADATA_KEYS) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = metadata.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().isEmpty() || field.getKey().length() > MAX_METADATA_KEY_LENGTH
                    || !field.getValue().isTextual() || field.getValue().textValue().length() > MAX_METADATA_VALUE_LENGTH) {
                return false;
            }
        }
        return true;
    }

    private NewJob newJob(Caller caller, String batchId, Common common, JsonNode input, JsonNode sample,
            JsonNode error) {
        boolean refused = error != null && error.isObject();
        Integer errorStatus = refused ? Integer.valueOf(error.path("status").asInt(422)) : null;
        String errorBody = refused ? (error.has("body") ? error.get("body") : error).toString() : null;
        String sampleText = sample != null && sample.isObject() && "test".equals(caller.keyMode()) ? sample.toString()
                : null;
        return new NewJob(JobIds.newJobId(), caller.accountId(), caller.keyMode(), batchId, common.type(),
                input.toString(), sampleText, errorBody, errorStatus, common.metadata(), common.webhookUrl());
    }
}

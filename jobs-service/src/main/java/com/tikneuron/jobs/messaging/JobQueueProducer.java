package com.tikneuron.jobs.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;

/**
 * Puts job ids on the jobs topic, keyed by account (so one account's jobs stay on one partition and one replica,
 * which keeps its per-account limit and fairness local). The message names the job; the job itself is in
 * PostgreSQL, stored before it is published.
 */
@ApplicationScoped
public class JobQueueProducer {

    private final MutinyEmitter<String> emitter;

    JobQueueProducer(@Channel("jobs-out") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * Whether the channel is wired, so that a message can be sent. In the first moments after a start it is not yet
     * (a send then fails at once, SRMSG00019), nor after it closed at shutdown.
     */
    public boolean ready() {
        return !emitter.isCancelled();
    }

    /** Completes once the broker has every message (acks=all). */
    public Uni<Void> publish(List<QueuedJob> jobs) {
        if (jobs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(jobs.stream().map(this::publish).toList()).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> publish(QueuedJob job) {
        String payload = new JsonObject().put("type", "job.queued").put("version", 1).put("job_id", job.jobId())
                .put("account_id", job.accountId()).encode();
        return emitter.sendMessage(Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(job.accountId()).build()));
    }

    /** A job to run, as the topic carries it. */
    public record QueuedJob(String jobId, String accountId) {
    }
}

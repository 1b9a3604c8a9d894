package com.tikneuron.jobs.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.jobs.client.BillingClient;
import com.tikneuron.jobs.config.JobsConfig;
import com.tikneuron.jobs.job.JobIds;
import com.tikneuron.jobs.job.JobRecord;
import com.tikneuron.jobs.messaging.JobQueueProducer;
import com.tikneuron.jobs.messaging.QueueNotReady;
import com.tikneuron.jobs.repository.JobRepository;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the queue whole and the store bounded: jobs stored but never published (broker down when they were
 * accepted) are published, jobs whose worker died (lease run out) are settled and queued again, and finished jobs
 * older than the retention are removed with their results.
 */
@ApplicationScoped
public class JobMaintenance {

    private static final Logger LOG = Logger.getLogger(JobMaintenance.class);
    private static final Duration UNPUBLISHED_GRACE = Duration.ofSeconds(30);
    private static final int BATCH = 500;

    private final JobRepository jobs;
    private final JobQueueProducer queue;
    private final BillingClient billing;
    private final JobsConfig config;
    // For the "oldest queued job" alert (deploy/k8s/base/monitoring/prometheusrule.yaml)
    private final AtomicLong oldestQueuedSeconds = new AtomicLong();

    JobMaintenance(JobRepository jobs, JobQueueProducer queue, BillingClient billing, JobsConfig config,
            MeterRegistry registry) {
        this.jobs = jobs;
        this.queue = queue;
        this.billing = billing;
        this.config = config;
        Gauge.builder("tikneuron.jobs.oldest.queued", oldestQueuedSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the oldest queued job has waited").register(registry);
    }

    // Not before the jobs channel is wired: the first run then waits for the next interval
    @Scheduled(every = "${tikneuron.jobs.recovery-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = QueueNotReady.class)
    Uni<Void> recover() {
        return jobs.oldestQueuedSeconds().invoke(oldestQueuedSeconds::set).onFailure().recoverWithNull()
                .chain(() -> jobs.stranded(UNPUBLISHED_GRACE, BATCH)).chain(stranded -> Uni.join()
                .all(stranded.stream().map(this::recover).toList()).usingConcurrencyOf(16).andCollectFailures()
                .onFailure().invoke(failure -> LOG.warnf("recovery of stranded jobs: %s", failure.toString()))
                .onFailure().recoverWithNull())
                .replaceWithVoid();
    }

    private Uni<Void> recover(JobRecord job) {
        Uni<Boolean> ready = Uni.createFrom().item(true);
        if (job.status().equals("processing")) {
            LOG.warnf("job %s: run %d outlived its lease; settling it and queueing the job again", job.id(),
                    job.attempt());
            Uni<Void> settled = job.test() ? Uni.createFrom().voidItem()
                    : billing.refund(job.accountId(), JobIds.callId(job.id(), job.attempt()));
            ready = settled.chain(() -> jobs.requeue(job.id(), job.attempt()));
        }
        return ready.chain(requeued -> requeued
                ? queue.publish(List.of(new JobQueueProducer.QueuedJob(job.id(), job.accountId())))
                        .call(() -> jobs.markPublished(List.of(job.id())))
                : Uni.createFrom().voidItem());
    }

    @Scheduled(every = "${tikneuron.jobs.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return jobs.sweep(config.retention()).invoke(removed -> {
            if (removed > 0) {
                LOG.infof("removed %d finished jobs older than %s", removed, config.retention());
            }
        }).replaceWithVoid();
    }
}

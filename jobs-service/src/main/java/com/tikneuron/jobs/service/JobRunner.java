package com.tikneuron.jobs.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tikneuron.jobs.client.BillingClient;
import com.tikneuron.jobs.client.CapabilityClient;
import com.tikneuron.jobs.client.CapabilityReply;
import com.tikneuron.jobs.client.TransientFailureException;
import com.tikneuron.jobs.config.JobsConfig;
import com.tikneuron.jobs.job.JobIds;
import com.tikneuron.jobs.job.JobRecord;
import com.tikneuron.jobs.job.JobType;
import com.tikneuron.jobs.messaging.JobQueueProducer;
import com.tikneuron.jobs.repository.Claim;
import com.tikneuron.jobs.repository.JobRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * One run of one job: take it (JobRepository.claim), call its capability service as the gateway would, and record
 * the end. The job costs what the synchronous call costs, because it is that call. A run that failed in a way the
 * service may not have seen through (5xx, timeout, connection lost), or whose worker died, is settled in the
 * customer's favour by billing under its call id before the job is run again, so a job is never charged twice.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    /** How a run left the job, for the scheduler. */
    public enum RunEnd {
        /** Finished, requeued, or not this worker's: the message is done with. */
        ENDED,
        /** The account has its limit of jobs processing elsewhere: offer the job again shortly. */
        AT_LIMIT
    }

    private final JobRepository jobs;
    private final CapabilityClient capabilities;
    private final BillingClient billing;
    private final JobQueueProducer queue;
    private final WebhookEventWriter events;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final JobsConfig config;
    private final WebhookDispatcher webhooks;

    JobRunner(JobRepository jobs, CapabilityClient capabilities, BillingClient billing, JobQueueProducer queue,
            WebhookEventWriter events, ObjectMapper mapper, MeterRegistry registry, JobsConfig config,
            WebhookDispatcher webhooks) {
        this.webhooks = webhooks;
        this.jobs = jobs;
        this.capabilities = capabilities;
        this.billing = billing;
        this.queue = queue;
        this.events = events;
        this.mapper = mapper;
        this.registry = registry;
        this.config = config;
    }

    public Uni<RunEnd> run(String jobId) {
        return jobs.claim(jobId, config.perAccountLimit(), config.lease()).chain(claim -> switch (claim) {
            case Claim.Claimed claimed -> keepingLease(claimed.job(),
                    settleAbandoned(claimed).chain(() -> execute(claimed.job()))).replaceWith(RunEnd.ENDED);
            case Claim.AtLimit atLimit -> Uni.createFrom().item(RunEnd.AT_LIMIT);
            case Claim.Held held -> Uni.createFrom().item(RunEnd.ENDED);
            case Claim.Done done -> Uni.createFrom().item(RunEnd.ENDED);
        });
    }

    /*
     * The worker renews its lease every third of it for as long as the run goes on, however long the capability
     * takes (diarization may take minutes). So the lease itself can be short: a job whose worker died (kill -9, a
     * lost node) is taken over within one lease instead of after the longest capability timeout.
     */
    private Uni<Void> keepingLease(JobRecord job, Uni<Void> run) {
        Duration every = config.lease().dividedBy(3);
        return Uni.createFrom().deferred(() -> {
            Cancellable renewal = Multi.createFrom().ticks().startingAfter(every).every(every)
                    .onOverflow().drop()
                    .onItem().transformToUniAndConcatenate(tick -> jobs.renewLease(job.id(), job.attempt(), config.lease())
                            .onFailure().invoke(failure -> LOG.warnf("job %s: run %d could not renew its lease: %s",
                                    job.id(), job.attempt(), failure.toString()))
                            .onFailure().recoverWithItem(true))
                    .subscribe().with(renewed -> {
                        if (!renewed) {
                            LOG.warnf("job %s: run %d no longer holds the job (taken over after its lease ran out)",
                                    job.id(), job.attempt());
                        }
                    });
            return run.onTermination().invoke(renewal::cancel);
        });
    }

    // The run before this one was taken over after its lease ran out: whatever it held or captured is given back.
    private Uni<Void> settleAbandoned(Claim.Claimed claimed) {
        JobRecord job = claimed.job();
        if (claimed.abandonedAttempt() == null || job.test()) {
            return Uni.createFrom().voidItem();
        }
        LOG.warnf("job %s: run %d was abandoned; settling it before run %d", job.id(), claimed.abandonedAttempt(),
                job.attempt());
        return billing.refund(job.accountId(), JobIds.callId(job.id(), claimed.abandonedAttempt()));
    }

    private Uni<Void> execute(JobRecord job) {
        if (job.test()) {
            // A test key's job ends with the answer the gateway made for it: nothing is called, nothing charged
            return finish(job, new JobRepository.Outcome("completed", job.sampleResult(), null, null, 0));
        }
        JobType type = JobType.of(job.type()).orElseThrow();
        String callId = JobIds.callId(job.id(), job.attempt());
        return capabilities.call(type, job.accountId(), job.keyMode(), job.id(), callId, job.input())
                .chain(reply -> finish(job, outcome(reply)))
                .onFailure(TransientFailureException.class).recoverWithUni(failure -> retryOrFail(job, callId, failure));
    }

    private static JobRepository.Outcome outcome(CapabilityReply reply) {
        if (reply.status() == 200) {
            return new JobRepository.Outcome("completed", reply.body(), null, null, reply.creditsCharged());
        }
        // The service answered with its failure and settled its own hold: the charge it reports is the charge (0)
        return new JobRepository.Outcome("failed", null, reply.body(), reply.status(), reply.creditsCharged());
    }

    private Uni<Void> retryOrFail(JobRecord job, String callId, Throwable failure) {
        LOG.warnf("job %s: run %d failed: %s", job.id(), job.attempt(), failure.getMessage());
        registry.counter("tikneuron.jobs.runs.transient_failures", "type", job.type()).increment();
        Uni<Void> refunded = billing.refund(job.accountId(), callId).onFailure().invoke(refundFailure -> LOG.errorf(
                "job %s: billing could not be told to settle call %s (%s); a pending hold still expires", job.id(),
                callId, refundFailure.toString())).onFailure().recoverWithNull();
        if (job.attempt() < config.maxAttempts()) {
            return refunded.chain(() -> Uni.createFrom().voidItem().onItem().delayIt().by(config.retryDelay()))
                    .chain(() -> jobs.requeue(job.id(), job.attempt()))
                    .chain(requeued -> requeued
                            ? queue.publish(List.of(new JobQueueProducer.QueuedJob(job.id(), job.accountId())))
                                    .call(() -> jobs.markPublished(List.of(job.id())))
                            : Uni.createFrom().voidItem());
        }
        ObjectNode error = mapper.createObjectNode()
                .put("error_code", "service_unavailable")
                .put("message", "The " + JobType.of(job.type()).orElseThrow().service()
                        + " is temporarily unavailable. Please retry later.")
                .put("request_id", job.id());
        return refunded.chain(() -> finish(job, new JobRepository.Outcome("failed", null, error.toString(), 503, 0)));
    }

    private Uni<Void> finish(JobRecord job, JobRepository.Outcome outcome) {
        return jobs.finish(job, outcome, events).invoke(finished -> record(job, outcome, finished)).replaceWithVoid();
    }

    private void record(JobRecord job, JobRepository.Outcome outcome, Optional<JobRecord> finished) {
        if (finished.isEmpty()) {
            LOG.infof("job %s: run %d ended after another run took it over; its end is not recorded", job.id(),
                    job.attempt());
            return;
        }
        registry.counter("tikneuron.jobs.finished", "type", job.type(), "status", outcome.status()).increment();
        if (job.webhookUrl() != null) {
            webhooks.nudge();
        }
    }
}

package com.tikneuron.jobs.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.tikneuron.jobs.job.JobIds;
import com.tikneuron.jobs.service.FairScheduler;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Reads the jobs topic as fast as it comes and hands each job to the FairScheduler, which decides the order of runs
 * across accounts (partition order alone would make one account's big batch hold back everyone behind it). A
 * message is acknowledged only once its job has ended or been handed on, so a replica that dies leaves its jobs'
 * messages uncommitted and another replica receives them again.
 */
@ApplicationScoped
public class JobQueueConsumer {

    private static final Logger LOG = Logger.getLogger(JobQueueConsumer.class);

    private final FairScheduler scheduler;

    JobQueueConsumer(FairScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Incoming("jobs-in")
    public Uni<Void> receive(Message<String> message) {
        String jobId;
        String accountId;
        try {
            JsonObject event = new JsonObject(message.getPayload());
            jobId = event.getString("job_id");
            accountId = event.getString("account_id");
        } catch (DecodeException | ClassCastException e) {
            jobId = null;
            accountId = null;
        }
        if (!JobIds.isJobId(jobId) || accountId == null) {
            LOG.warn("ignored a message on the jobs topic that names no job");
            return Uni.createFrom().completionStage(message.ack());
        }
        scheduler.submit(jobId, accountId, () -> message.ack());
        return Uni.createFrom().voidItem();
    }
}

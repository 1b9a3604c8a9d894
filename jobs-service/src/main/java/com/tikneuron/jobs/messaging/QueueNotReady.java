package com.tikneuron.jobs.messaging;

import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Skips a scheduled run that publishes jobs while the queue cannot take them yet. The scheduler starts with the
 * application and fires its first run at once, possibly before the jobs channel is wired: a recovery sweep would then
 * settle and re-queue an abandoned job and fail to publish it.
 */
@Singleton
public class QueueNotReady implements Scheduled.SkipPredicate {

    private final JobQueueProducer queue;

    QueueNotReady(JobQueueProducer queue) {
        this.queue = queue;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !queue.ready();
    }
}

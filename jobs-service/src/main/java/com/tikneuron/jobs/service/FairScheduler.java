package com.tikneuron.jobs.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.jobs.config.JobsConfig;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Decides which received job runs next. Each account has its own queue; free workers take the next job round-robin
 * over the accounts that have one waiting and fewer than their limit running, so an account's single job waits at
 * most for one worker to finish its current job, however many jobs another account has queued. The limit is also
 * enforced across replicas by the claim in PostgreSQL (JobRepository.claim).
 */
@ApplicationScoped
public class FairScheduler {

    private static final Logger LOG = Logger.getLogger(FairScheduler.class);
    private static final Duration AT_LIMIT_DELAY = Duration.ofSeconds(1);

    private record Pending(String jobId, String accountId, Supplier<CompletionStage<Void>> ack) {
    }

    private final JobRunner runner;
    private final int workers;
    private final int perAccountLimit;
    private final Map<String, Deque<Pending>> queues = new HashMap<>();
    private final Map<String, Integer> running = new HashMap<>();
    // Accounts in the order they are next served; an account goes to the back once served
    private final LinkedHashSet<String> turn = new LinkedHashSet<>();
    private int busy;
    private int waiting;

    FairScheduler(JobRunner runner, JobsConfig config, MeterRegistry registry) {
        this.runner = runner;
        this.workers = config.workers();
        this.perAccountLimit = config.perAccountLimit();
        registry.gauge("tikneuron.jobs.scheduler.waiting", this, scheduler -> scheduler.waitingNow());
        registry.gauge("tikneuron.jobs.scheduler.busy", this, scheduler -> scheduler.busyNow());
    }

    /** A job received from the topic; {@code ack} is called once it has ended or been handed on. */
    public void submit(String jobId, String accountId, Supplier<CompletionStage<Void>> ack) {
        synchronized (this) {
            queues.computeIfAbsent(accountId, ignored -> new ArrayDeque<>()).addLast(new Pending(jobId, accountId, ack));
            turn.add(accountId);
            waiting++;
        }
        dispatch();
    }

    private void dispatch() {
        while (true) {
            Pending next;
            synchronized (this) {
                next = busy < workers ? takeNext() : null;
                if (next == null) {
                    return;
                }
                busy++;
                running.merge(next.accountId(), 1, Integer::sum);
            }
            start(next);
        }
    }

    // The first account in turn with a job waiting and room under its limit; it moves to the back of the turn.
    private Pending takeNext() {
        Iterator<String> accounts = turn.iterator();
        while (accounts.hasNext()) {
            String account = accounts.next();
            if (running.getOrDefault(account, 0) >= perAccountLimit) {
                continue;
            }
            Deque<Pending> queue = queues.get(account);
            Pending next = queue.pollFirst();
            accounts.remove();
            if (queue.isEmpty()) {
                queues.remove(account);
            } else {
                turn.add(account);
            }
            waiting--;
            return next;
        }
        return null;
    }

    private void start(Pending pending) {
        runner.run(pending.jobId())
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf("job %s: run failed unexpectedly: %s; it is run again after its lease", pending.jobId(),
                            failure.toString());
                    return JobRunner.RunEnd.ENDED;
                })
                .subscribe().with(end -> finished(pending, end));
    }

    private void finished(Pending pending, JobRunner.RunEnd end) {
        synchronized (this) {
            busy--;
            running.computeIfPresent(pending.accountId(), (account, count) -> count <= 1 ? null : count - 1);
        }
        if (end == JobRunner.RunEnd.AT_LIMIT) {
            // Another replica runs this account's jobs too (after a rebalance): try again shortly
            Uni.createFrom().voidItem().onItem().delayIt().by(AT_LIMIT_DELAY)
                    .subscribe().with(ignored -> submit(pending.jobId(), pending.accountId(), pending.ack()));
        } else {
            pending.ack().get();
        }
        dispatch();
    }

    synchronized int waitingNow() {
        return waiting;
    }

    synchronized int busyNow() {
        return busy;
    }
}

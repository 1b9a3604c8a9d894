package com.tikneuron.jobs.repository;

import com.tikneuron.jobs.job.JobRecord;

/** What a worker's attempt to take a job found. */
public sealed interface Claim {

    /** The job is this worker's to run, as attempt {@code job.attempt()}; {@code abandoned} names a dead run before it. */
    record Claimed(JobRecord job, Integer abandonedAttempt) implements Claim {
    }

    /** The account already has its limit of jobs processing: try again when one of them ends. */
    record AtLimit() implements Claim {
    }

    /** Another worker holds it under a live lease. */
    record Held() implements Claim {
    }

    /** Finished, cancelled or removed: nothing to do. */
    record Done() implements Claim {
    }
}

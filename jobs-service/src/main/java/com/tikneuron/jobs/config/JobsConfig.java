package com.tikneuron.jobs.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/** Typed settings of jobs-service: workers, retention, the services it calls and webhook delivery. */
@ConfigMapping(prefix = "tikneuron.jobs")
public interface JobsConfig {

    /** Jobs run at once by this replica. */
    int workers();

    /** Jobs of one account processing at once, across replicas. */
    int perAccountLimit();

    /**
     * How long a worker's hold on a job lasts unless renewed; the worker renews it every third of it while the run
     * goes on, so a job is taken as abandoned (and run again) only when its worker stopped renewing: it died.
     */
    Duration lease();

    /** Runs of one job that ended in a transient failure (service down, timeout) before it fails for good. */
    int maxAttempts();

    Duration retryDelay();

    Duration recoveryInterval();

    /** How long finished jobs and their results are kept. */
    Duration retention();

    Duration sweepInterval();

    int maxBatchItems();

    /** Capability services by job type (subtitle, summarize, diarization). */
    Map<String, Capability> capability();

    URI billingUrl();

    Webhooks webhooks();

    /** Where one capability service is and how long a call to it may take. */
    interface Capability {

        URI url();

        Duration timeout();
    }

    /** Webhook delivery. */
    interface Webhooks {

        Duration timeout();

        /** Delay before each retry, in order; its length is the number of retries. */
        List<Duration> retryDelays();

        Duration pollInterval();

        boolean allowLocal();

        String secretKey();
    }
}

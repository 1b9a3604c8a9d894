package com.tikneuron.billing.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Typed billing settings; defaults live in application.properties. */
@ConfigMapping(prefix = "tikneuron.billing")
public interface BillingConfig {

    /** How long a hold may stay pending before it is voided as expired. */
    Duration holdTtl();

    /** How often pending holds are checked for expiry. */
    Duration expiryInterval();

    /** How often the ledger invariants are checked. */
    Duration invariantCheckInterval();

    /** Most holds one expiry sweep voids. */
    int expiryBatchSize();

    /** Operator token for the admin API; with none set, every admin call is refused. */
    Optional<String> adminToken();

    /** last_used_at of a key is written at most this often. */
    Duration keyUsageGranularity();

    /** A refund settles only holds created this recently; older holds of the same call id are left alone. */
    Duration refundWindow();

    /** The plan of an account that has none of its own. */
    PlanDefaults planDefaults();

    interface PlanDefaults {

        int requestsPerMinute();

        int burst();

        int concurrentJobs();
    }
}

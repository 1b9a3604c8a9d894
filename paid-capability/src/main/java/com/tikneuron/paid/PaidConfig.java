package com.tikneuron.paid;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The protocol's settings; each capability service sets its claim table (in its own schema) and may tune the rest. */
@ConfigMapping(prefix = "tikneuron.paid")
public interface PaidConfig {

    /**
     * The cross-replica claim table, schema-qualified (for example {@code summary.work_claims}); its columns are
     * {@code claim_key}, {@code owner} and {@code expires_at}.
     */
    String claimTable();

    /** How long a claim is good for: longer than the work may take, so that only a dead replica's claim runs out. */
    @WithDefault("3m")
    Duration claimLease();

    /** How often a request waiting on another replica's claim looks again at the cache and the claim. */
    @WithDefault("300ms")
    Duration claimPoll();
}

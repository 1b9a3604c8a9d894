package com.tikneuron.billing.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.billing.config.BillingConfig;
import com.tikneuron.billing.repository.CreditRepository;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Voids holds that stayed pending past their TTL, so a crash or a lost event always ends in the customer's favour.
 * Safe with several replicas: the database skips holds another sweep has locked.
 */
@ApplicationScoped
public class HoldExpiryJob {

    private static final Logger LOG = Logger.getLogger(HoldExpiryJob.class);

    private final CreditRepository credits;
    private final BillingConfig config;
    private final BillingMetrics metrics;

    public HoldExpiryJob(CreditRepository credits, BillingConfig config, BillingMetrics metrics) {
        this.credits = credits;
        this.config = config;
        this.metrics = metrics;
    }

    @Scheduled(every = "${tikneuron.billing.expiry-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return expireDue()
                .onFailure().invoke(failure -> LOG.warnf("hold expiry sweep failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Expires every due hold, batch after batch; returns how many were expired. */
    public Uni<Long> expireDue() {
        return credits.expireHolds(config.expiryBatchSize()).flatMap(rows -> {
            long expired = 0;
            for (CreditRepository.ExpiredRow row : rows) {
                expired += row.holds();
                metrics.credits("expired", row.capability(), row.credits());
                LOG.infof("expired %d %s holds, %d credits returned", row.holds(), row.capability(), row.credits());
            }
            if (expired >= config.expiryBatchSize()) {
                long done = expired;
                return expireDue().map(more -> done + more);
            }
            return Uni.createFrom().item(expired);
        });
    }
}

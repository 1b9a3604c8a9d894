package com.tikneuron.billing.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.billing.repository.CreditRepository;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Checks the ledger invariants periodically (available >= 0, available + reserved == granted - captured, balances
 * equal to what the ledger adds up to) and exports the number of violating accounts, which must stay 0.
 */
@ApplicationScoped
public class InvariantMonitor {

    private static final Logger LOG = Logger.getLogger(InvariantMonitor.class);

    private final CreditRepository credits;
    private final BillingMetrics metrics;

    public InvariantMonitor(CreditRepository credits, BillingMetrics metrics) {
        this.credits = credits;
        this.metrics = metrics;
    }

    @Scheduled(every = "${tikneuron.billing.invariant-check-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return credits.countInvariantViolations()
                .invoke(violations -> {
                    metrics.invariantViolations(violations);
                    if (violations > 0) {
                        LOG.errorf("%d accounts break the ledger invariants", violations);
                    }
                })
                .flatMap(ignored -> credits.countPendingHolds())
                .invoke(metrics::pendingHolds)
                .onFailure().invoke(failure -> LOG.warnf("invariant check failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}

package com.tikneuron.billing.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.billing.repository.HoldOutcome;
import com.tikneuron.billing.repository.SettlementOutcome;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Business metrics of billing: credits by outcome and capability, holds, settlements, dead letters, invariants. */
@ApplicationScoped
public class BillingMetrics {

    private final MeterRegistry registry;
    private final AtomicLong pendingHolds = new AtomicLong();
    private final AtomicLong invariantViolations = new AtomicLong();
    private final Counter deadLettered;
    private final Timer settlementLag;

    public BillingMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("tikneuron.billing.holds.pending", pendingHolds);
        registry.gauge("tikneuron.billing.invariant.violations", invariantViolations);
        this.deadLettered = Counter.builder("tikneuron.billing.settlements.dead.lettered")
                .description("Settlement messages that could not be decoded and went to the dead-letter topic")
                .register(registry);
        this.settlementLag = Timer.builder("tikneuron.billing.settlement.lag")
                .description("Time from a settlement event's occurred_at to its application")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Credits that reached a final state: captured, voided or expired. */
    public void credits(String outcome, String capability, long amount) {
        if (amount > 0) {
            registry.counter("tikneuron.billing.credits", "outcome", outcome, "capability", safe(capability))
                    .increment(amount);
        }
    }

    public void hold(HoldOutcome outcome, String capability) {
        registry.counter("tikneuron.billing.holds", "outcome", outcome.sql(), "capability", safe(capability))
                .increment();
    }

    public void settlement(String type, SettlementOutcome outcome) {
        registry.counter("tikneuron.billing.settlements", "type", type, "outcome", outcome.sql()).increment();
    }

    public void settlementLag(Duration lag) {
        settlementLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    public void pendingHolds(long count) {
        pendingHolds.set(count);
    }

    public void invariantViolations(long count) {
        invariantViolations.set(count);
    }

    private static String safe(String capability) {
        return capability == null ? "unknown" : capability;
    }
}

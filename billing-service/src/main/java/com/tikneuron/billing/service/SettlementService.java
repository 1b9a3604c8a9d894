package com.tikneuron.billing.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.billing.repository.CreditRepository;
import com.tikneuron.billing.repository.CreditRepository.SettlementRow;
import com.tikneuron.billing.repository.SettlementOutcome;

import io.smallrye.mutiny.Uni;

/** Applies settlement events to holds and balances, each at most once, and counts what became of them. */
@ApplicationScoped
public class SettlementService {

    private static final Logger LOG = Logger.getLogger(SettlementService.class);

    private final CreditRepository credits;
    private final BillingMetrics metrics;

    public SettlementService(CreditRepository credits, BillingMetrics metrics) {
        this.credits = credits;
        this.metrics = metrics;
    }

    /** Applies the events in order, in one transaction; returns their outcomes in the same order. */
    public Uni<List<SettlementRow>> apply(List<SettlementEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return credits.applySettlements(events).invoke(outcomes -> record(events, outcomes));
    }

    private void record(List<SettlementEvent> events, List<SettlementRow> outcomes) {
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 0; i < events.size(); i++) {
            SettlementEvent event = events.get(i);
            SettlementRow outcome = outcomes.get(i);
            metrics.settlement(event.type(), outcome.outcome());
            switch (outcome.outcome()) {
                case APPLIED -> applied(event, outcome, now);
                case LATE_CAPTURED, WRITTEN_OFF -> lateCapture(event, outcome);
                // Counted in tikneuron_billing_settlements_total by outcome; one line each would flood the log on a replay.
                case DUPLICATE, LATE, UNKNOWN_HOLD, MISMATCH -> LOG.debugf("settlement %s for hold %s: %s",
                        event.eventId(), event.holdId(), outcome.outcome().sql());
            }
        }
    }

    private void applied(SettlementEvent event, SettlementRow outcome, OffsetDateTime now) {
        metrics.settlementLag(Duration.between(event.occurredAt(), now));
        if (event.isHoldEvent() && "live".equals(outcome.mode())) {
            String state = SettlementEvent.CAPTURED.equals(event.type()) ? "captured" : "voided";
            metrics.credits(state, outcome.capability(), outcome.amount());
        }
    }

    // Both are counted in tikneuron_billing_credits by outcome; a write-off also fires an alert (docs/RELIABILITY.md).
    private void lateCapture(SettlementEvent event, SettlementRow outcome) {
        metrics.settlementLag(Duration.between(event.occurredAt(), OffsetDateTime.now()));
        if (!"live".equals(outcome.mode())) {
            return;
        }
        metrics.credits(outcome.outcome().sql(), outcome.capability(), outcome.amount());
        if (outcome.outcome() == SettlementOutcome.WRITTEN_OFF) {
            LOG.warnf("capture %s of hold %s arrived after the hold expired and account %s cannot pay %d credits: "
                    + "written off", event.eventId(), event.holdId(), event.accountId(), outcome.amount());
        } else {
            LOG.infof("capture %s of hold %s arrived after the hold expired: %d credits charged late", event.eventId(),
                    event.holdId(), outcome.amount());
        }
    }
}

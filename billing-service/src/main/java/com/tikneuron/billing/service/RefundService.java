package com.tikneuron.billing.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.billing.config.BillingConfig;
import com.tikneuron.billing.repository.RefundOutcome;
import com.tikneuron.billing.repository.RefundRepository;
import com.tikneuron.billing.repository.RefundRepository.RefundRow;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Settles in the customer's favour the holds of a call the gateway answered with a failure, so a call the customer
 * saw fail is never charged. Only holds of the named account, of that call, created within the refund window.
 */
@ApplicationScoped
public class RefundService {

    private static final Logger LOG = Logger.getLogger(RefundService.class);

    /** What one refund settled now: holds voided, holds refunded, and the live credits returned. */
    public record Refund(long voided, long refunded, long credits) {
    }

    private final RefundRepository refunds;
    private final BillingConfig config;
    private final MeterRegistry registry;

    public RefundService(RefundRepository refunds, BillingConfig config, MeterRegistry registry) {
        this.refunds = refunds;
        this.config = config;
        this.registry = registry;
    }

    /** Voids the call's pending holds and refunds its captured ones; calling it again settles nothing more. */
    public Uni<Refund> refund(UUID accountId, String callId, String reason) {
        return refunds.refund(accountId, callId, reason, config.refundWindow()).map(rows -> {
            long voided = 0;
            long refunded = 0;
            long credits = 0;
            for (RefundRow row : rows) {
                if (row.outcome() == RefundOutcome.SETTLED) {
                    continue;
                }
                if (row.outcome() == RefundOutcome.VOIDED) {
                    voided++;
                } else {
                    refunded++;
                    LOG.infof("refunded captured hold %s of call %s (%s)", row.holdId(), callId, reason);
                }
                // Holds of test keys never moved a balance, so settling them returns nothing
                credits += "live".equals(row.mode()) ? row.amount() : 0;
                registry.counter("tikneuron.billing.requests.refunded", "capability", row.capability(),
                        "outcome", row.outcome().sql()).increment();
            }
            return new Refund(voided, refunded, credits);
        });
    }
}

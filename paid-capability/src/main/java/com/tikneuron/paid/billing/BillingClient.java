package com.tikneuron.paid.billing;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.tikneuron.paid.CallRefundedException;
import com.tikneuron.paid.InsufficientCreditsException;

import io.smallrye.mutiny.Uni;

/**
 * billing-service's hold API behind one fault-tolerance rule for every capability. Retrying is safe: billing treats a
 * repeated hold id as the same hold. Billing's definite answers (402, 409 {@code call_refunded}, and 404/409/422 as
 * {@link BillingRejectedException}) are neither retried nor counted by the breaker; only faults (timeouts, 5xx, 429, no connection) are. The numbers
 * below are defaults: MicroProfile Fault Tolerance reads {@code com.tikneuron.paid.billing.BillingClient/hold/Timeout/value}
 * and the like from the configuration (docs/ARCHITECTURE.md, "Paid capability protocol").
 */
@ApplicationScoped
public class BillingClient {

    private final BillingApi api;

    public BillingClient(@RestClient BillingApi api) {
        this.api = api;
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = { InsufficientCreditsException.class, CallRefundedException.class,
            BillingRejectedException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = { InsufficientCreditsException.class, CallRefundedException.class, BillingRejectedException.class })
    public Uni<Hold> hold(HoldRequest request) {
        return api.createHold(request);
    }
}

package com.tikneuron.gateway.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.tikneuron.gateway.metrics.GatewayMetrics;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Calls billing-service's internal routes: reads, safe to retry once, and the refund of a call the caller was
 * told failed, idempotent in billing and so retried for as long as billing may take to come back.
 */
@ApplicationScoped
public class BillingClient {

    private static final String SERVICE = "billing-service";

    private final BillingApi api;
    private final GatewayMetrics metrics;

    BillingClient(@RestClient BillingApi api, GatewayMetrics metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    /** The key registered under this digest; fails with BillingNotFoundException when there is none. */
    @AsynchronousNonBlocking
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 50, abortOn = { BillingNotFoundException.class, BillingRejectedException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = { BillingNotFoundException.class, BillingRejectedException.class })
    public Uni<KeyRecord> key(String digest) {
        return metrics.timeDownstream(SERVICE, api.key(digest));
    }

    @AsynchronousNonBlocking
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 50, abortOn = { BillingNotFoundException.class, BillingRejectedException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = { BillingNotFoundException.class, BillingRejectedException.class })
    public Uni<BalanceRecord> balance(String accountId) {
        return metrics.timeDownstream(SERVICE, api.balance(accountId));
    }

    @AsynchronousNonBlocking
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 50, abortOn = { BillingNotFoundException.class, BillingRejectedException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = { BillingNotFoundException.class, BillingRejectedException.class })
    public Uni<UsagePage> usage(String accountId, int limit, String startingAfter) {
        return metrics.timeDownstream(SERVICE, api.usage(accountId, limit, startingAfter));
    }

    /**
     * Settles every hold of one call, answered with a failure, in the customer's favour (void or refund). Billing
     * settles only the holds of this account under this call id, at most once however often it is sent, so it is
     * retried with backoff.
     */
    @AsynchronousNonBlocking
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 8, delay = 250, jitter = 100, maxDuration = 60, durationUnit = ChronoUnit.SECONDS,
            abortOn = BillingRejectedException.class)
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public Uni<Void> refund(String accountId, String callId) {
        return metrics.timeDownstream(SERVICE,
                api.refund(accountId, callId, new BillingApi.RefundReason("failed_to_client")));
    }

    /** Name used for this service in metrics and in 503 answers. */
    public static String serviceName() {
        return SERVICE;
    }
}

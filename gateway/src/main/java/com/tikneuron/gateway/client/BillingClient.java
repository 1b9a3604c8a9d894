package com.tikneuron.gateway.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.tikneuron.gateway.metrics.GatewayMetrics;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/** Calls billing-service's read-only internal routes; reads are safe to retry once. */
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

    /** Name used for this service in metrics and in 503 answers. */
    public static String serviceName() {
        return SERVICE;
    }
}

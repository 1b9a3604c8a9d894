package com.tikneuron.diarization.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/** billing-service's hold API. Retrying is safe: billing treats a repeated hold id as the same hold. */
@ApplicationScoped
public class BillingClient {

    private final BillingApi api;

    public BillingClient(@RestClient BillingApi api) {
        this.api = api;
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = { InsufficientCreditsException.class, BillingRejectedException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000,
            skipOn = { InsufficientCreditsException.class, BillingRejectedException.class })
    public Uni<Hold> hold(HoldRequest request) {
        return api.createHold(request);
    }
}

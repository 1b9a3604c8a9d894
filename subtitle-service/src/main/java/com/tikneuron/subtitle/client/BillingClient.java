package com.tikneuron.subtitle.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/**
 * Holds credits with billing-service before paid work. Retrying is safe because billing is idempotent on the
 * hold id; "insufficient credits" is an answer, not a fault, so it neither retries nor trips the breaker.
 */
@ApplicationScoped
public class BillingClient {

    private final BillingApi api;

    public BillingClient(@RestClient BillingApi api) {
        this.api = api;
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = InsufficientCreditsException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = InsufficientCreditsException.class)
    public Uni<Hold> hold(HoldRequest request) {
        return api.createHold(request)
                .onFailure(e -> !(e instanceof InsufficientCreditsException || e instanceof BillingUnavailableException))
                .transform(e -> new BillingUnavailableException("billing could not be reached", e));
    }
}

package com.tikneuron.diarization.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/** subtitle-service's URL resolution, guarded so a slow or failing subtitle-service cannot pile up requests here. */
@ApplicationScoped
public class SubtitleClient {

    private final SubtitleApi api;

    public SubtitleClient(@RestClient SubtitleApi api) {
        this.api = api;
    }

    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = SubtitleRejectedException.class)
    @ExponentialBackoff
    // "No" answers mean subtitle-service works fine: only outages count towards opening the breaker.
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, skipOn = SubtitleRejectedException.class)
    public Uni<ResolvedVideo> resolve(String url) {
        return api.resolve(new SubtitleApi.ResolveRequest(url));
    }
}

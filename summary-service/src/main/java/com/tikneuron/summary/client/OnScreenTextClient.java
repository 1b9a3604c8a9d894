package com.tikneuron.summary.client;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/**
 * diarization-service's on-screen text, guarded: a refusal ({@link SpeechRejectedException}) is an answer and does
 * not trip the breaker. Not retried: the service shares one reading between identical requests and caches it. The
 * deadline is above the service's 3-minute job deadline.
 */
@ApplicationScoped
public class OnScreenTextClient {

    private final OnScreenTextApi api;

    public OnScreenTextClient(@RestClient OnScreenTextApi api) {
        this.api = api;
    }

    /** Reads a video ({@code images} empty) or a photo post's slides, in order, over {@code duration} seconds. */
    @Timeout(value = 200, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, skipOn = SpeechRejectedException.class)
    public Uni<OnScreenText> read(String videoId, String requestId, List<String> images, Integer duration) {
        boolean photo = images != null && !images.isEmpty();
        return api.read(videoId, requestId, new OnScreenTextApi.ReadRequest(photo ? images : null,
                photo && duration != null ? duration.doubleValue() : null));
    }
}

package com.tikneuron.subtitle.client;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/**
 * diarization-service's on-screen text, guarded: a refusal ({@link SpeechRejectedException}, e.g. 422) is an answer
 * and does not trip the breaker; an outage is a {@link SpeechUnavailableException}. Not retried: the service shares
 * one reading between identical requests and caches it, so a retry would only queue behind it. The deadline is above
 * the service's own 3-minute job deadline.
 */
@ApplicationScoped
public class OnScreenTextClient {

    private final OnScreenTextApi api;

    public OnScreenTextClient(@RestClient OnScreenTextApi api) {
        this.api = api;
    }

    /** Reads a video (no {@code images}) or a photo post's slides, in the order given, over {@code duration} seconds. */
    @Timeout(value = 200, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = SpeechRejectedException.class)
    public Uni<OnScreenText> read(String videoId, String requestId, List<String> images, Double duration, String language) {
        OnScreenTextApi.ReadRequest body = new OnScreenTextApi.ReadRequest(
                images == null || images.isEmpty() ? null : images, images == null || images.isEmpty() ? null : duration,
                language);
        return api.read(videoId, requestId, body)
                .onFailure(failure -> !(failure instanceof SpeechRejectedException))
                .transform(failure -> failure instanceof SpeechUnavailableException ? failure
                        : new SpeechUnavailableException("the on-screen text service could not be reached", failure));
    }
}

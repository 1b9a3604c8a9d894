package com.tikneuron.summary.client;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/**
 * The speech service, guarded: a refusal is an answer and neither retries nor trips the breaker. Only the cache
 * look-up is retried; a transcription is not, because the speech service already shares one recognition between
 * identical requests and a retry would only queue behind it.
 */
@ApplicationScoped
public class SpeechClient {

    private final SpeechApi api;

    public SpeechClient(@RestClient SpeechApi api) {
        this.api = api;
    }

    /** The cached transcript, or empty when the video was never transcribed. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = SpeechRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, skipOn = SpeechRejectedException.class)
    public Uni<Optional<Transcription>> cached(String videoId) {
        return api.cached(videoId, null).map(Optional::of)
                .onFailure(failure -> failure instanceof SpeechRejectedException rejected
                        && SpeechRejectedException.NOT_TRANSCRIBED.equals(rejected.errorCode()))
                .recoverWithItem(Optional.empty());
    }

    /** Recognises the video's speech (or answers the transcript made meanwhile, {@code cached: true}). */
    // Under the gateway's deadline for /summarize together with the summary's own work timeout.
    @Timeout(value = 200, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, skipOn = SpeechRejectedException.class)
    public Uni<Transcription> transcribe(String videoId) {
        return api.transcribe(videoId, new SpeechApi.TranscriptionRequest(null));
    }
}

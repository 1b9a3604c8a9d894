package com.tikneuron.subtitle.client;

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

    /** The cached transcript, or empty when the video was never transcribed; a language the engine cannot do fails. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = SpeechRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = SpeechRejectedException.class)
    public Uni<Optional<Transcription>> cached(String videoId, String languageHint) {
        return api.cached(videoId, languageHint).map(Optional::of)
                .onFailure(SpeechClient::notTranscribed).recoverWithItem(Optional.empty())
                .onFailure(failure -> !(failure instanceof SpeechRejectedException)).transform(SpeechClient::unavailable);
    }

    /** Recognises the video's speech (or answers the transcript made meanwhile). */
    @Timeout(value = 280, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = SpeechRejectedException.class)
    public Uni<Transcription> transcribe(String videoId, String languageHint) {
        return api.transcribe(videoId, new SpeechApi.TranscriptionRequest(languageHint))
                .onFailure(failure -> !(failure instanceof SpeechRejectedException)).transform(SpeechClient::unavailable);
    }

    private static boolean notTranscribed(Throwable failure) {
        return failure instanceof SpeechRejectedException rejected
                && SpeechRejectedException.NOT_TRANSCRIBED.equals(rejected.errorCode());
    }

    private static Throwable unavailable(Throwable failure) {
        return failure instanceof SpeechUnavailableException ? failure
                : new SpeechUnavailableException("the speech service could not be reached", failure);
    }
}

package com.tikneuron.summary.client;

import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.tikneuron.paid.UpstreamAnswers;
import com.tikneuron.paid.UpstreamRejectedException;
import com.tikneuron.platform.ServiceCredentialClientFilter;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * The speech service inside diarization-service (contracts/speech-internal-api.yaml), guarded: a refusal
 * ({@code not_transcribed}, {@code no_speech}, …) is an answer and neither retries nor trips the breaker. Only the
 * cache look-up is retried; a transcription is not, because the speech service already shares one recognition
 * between identical requests and a retry would only queue behind it.
 */
@RegisterRestClient(configKey = "speech")
@RegisterProvider(ServiceCredentialClientFilter.class)
@Path("/internal/v1/videos/{videoId}/transcription")
@Produces(MediaType.APPLICATION_JSON)
public interface SpeechApi {

    String NOT_TRANSCRIBED = "not_transcribed";
    String NO_SPEECH = "no_speech";

    /** The transcript made before; {@code not_transcribed} when the video was never transcribed. */
    @GET
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = UpstreamRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, skipOn = UpstreamRejectedException.class)
    Uni<Transcription> cached(@PathParam("videoId") String videoId, @QueryParam("language") String language);

    /** Recognises the video's speech (or answers the transcript made meanwhile, {@code cached: true}). */
    // Under the gateway's deadline for /summarize together with the summary's own work timeout.
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(value = 200, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, skipOn = UpstreamRejectedException.class)
    Uni<Transcription> transcribe(@PathParam("videoId") String videoId, TranscriptionRequest request);

    /** The optional language hint. */
    record TranscriptionRequest(String language) {
    }

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamAnswers.failure(response, "the speech service", "The speech service refused the video");
    }
}

package com.tikneuron.summary.client;

import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.GET;
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
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * subtitle-service's internal API (contracts/subtitle-internal-api.yaml) beyond URL resolution (which is
 * paid-capability's {@code VideoResolver}), guarded so a slow or failing subtitle-service cannot pile up requests
 * here: a definite "no" ({@link UpstreamRejectedException}) means it works and neither retries nor trips the breaker.
 */
@RegisterRestClient(configKey = "subtitle")
@RegisterProvider(ServiceCredentialClientFilter.class)
@Path("/internal/v1/videos/{videoId}")
@Produces(MediaType.APPLICATION_JSON)
public interface SubtitleApi {

    String NO_SUBTITLE = "no_subtitle_available";

    @GET
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, abortOn = UpstreamRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, skipOn = UpstreamRejectedException.class)
    Uni<VideoMetadata> metadata(@PathParam("videoId") String videoId);

    /** The transcript in {@code language} (a public code) or, when null, in the video's spoken language. */
    @GET
    @Path("/transcript")
    @Timeout(value = 45, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = UpstreamRejectedException.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, skipOn = UpstreamRejectedException.class)
    Uni<Transcript> transcript(@PathParam("videoId") String videoId, @QueryParam("language") String language);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamAnswers.failure(response, "subtitle-service", "This video is not available");
    }
}

package com.tikneuron.summary.client;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tikneuron.paid.UpstreamAnswers;
import com.tikneuron.paid.UpstreamRejectedException;
import com.tikneuron.platform.ServiceCredentialClientFilter;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * diarization-service's on-screen text (contracts/on-screen-text-internal-api.yaml), guarded: a refusal is an answer
 * and does not trip the breaker. Not retried: the service shares one reading between identical requests and caches
 * it. The deadline is above the service's 3-minute job deadline.
 */
@RegisterRestClient(configKey = "on-screen-text")
@RegisterProvider(ServiceCredentialClientFilter.class)
@Path("/internal/v1/videos/{videoId}/on-screen-text")
@Produces(MediaType.APPLICATION_JSON)
public interface OnScreenTextApi {

    /** Reads a video (no images) or a photo post's slides, in order. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(value = 200, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, skipOn = UpstreamRejectedException.class)
    Uni<OnScreenText> read(@PathParam("videoId") String videoId, @HeaderParam("X-Request-Id") String requestId,
            ReadRequest request);

    /** A photo post's slides and length; both absent for a video. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReadRequest(List<String> images, Double duration) {

        /** The request for a video ({@code images} empty) or a photo post's slides over {@code duration} seconds. */
        public static ReadRequest of(List<String> images, Integer duration) {
            boolean photo = images != null && !images.isEmpty();
            return new ReadRequest(photo ? images : null, photo && duration != null ? duration.doubleValue() : null);
        }
    }

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamAnswers.failure(response, "the on-screen text service", "The on-screen text service refused the video");
    }
}

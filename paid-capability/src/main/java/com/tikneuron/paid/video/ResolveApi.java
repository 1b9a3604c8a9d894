package com.tikneuron.paid.video;

import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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

/** subtitle-service's POST /internal/v1/videos/resolve (contracts/subtitle-internal-api.yaml). */
@RegisterRestClient(configKey = "subtitle")
@RegisterProvider(ServiceCredentialClientFilter.class)
@Path("/internal/v1/videos/resolve")
interface ResolveApi {

    // "No" answers mean subtitle-service works fine: only outages are retried and count towards opening the breaker.
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = UpstreamRejectedException.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, skipOn = UpstreamRejectedException.class)
    Uni<Resolved> resolve(Request request);

    record Request(String url) {
    }

    record Resolved(String videoId, String canonicalUrl) {
    }

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamAnswers.failure(response, "subtitle-service", VideoResolver.UNAVAILABLE);
    }
}

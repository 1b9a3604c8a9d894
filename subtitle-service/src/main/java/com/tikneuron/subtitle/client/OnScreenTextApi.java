package com.tikneuron.subtitle.client;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.tikneuron.platform.ServiceCredentialClientFilter;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** diarization-service's on-screen text (contracts/on-screen-text-internal-api.yaml). */
@RegisterRestClient(configKey = "on-screen-text")
@RegisterProvider(ServiceCredentialClientFilter.class)
@Path("/internal/v1/videos/{videoId}/on-screen-text")
@Produces(MediaType.APPLICATION_JSON)
interface OnScreenTextApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<OnScreenText> read(@PathParam("videoId") String videoId, @HeaderParam("X-Request-Id") String requestId,
            ReadRequest request);

    /** A photo post's slides and length; all absent for a video. {@code language} is an optional hint. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReadRequest(List<String> images, Double duration, String language) {
    }

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        if (status >= 500 || status == 429 || status == 408) {
            return new SpeechUnavailableException("the on-screen text service answered HTTP " + status);
        }
        String code = null;
        String message = null;
        try {
            JsonNode body = response.readEntity(JsonNode.class);
            code = body == null ? null : body.path("error_code").asText(null);
            message = body == null ? null : body.path("message").asText(null);
        } catch (RuntimeException unreadable) {
            // A refusal without our error body is still a refusal; its status says enough.
        }
        return new SpeechRejectedException(status, code == null ? "processing_failed" : code,
                message == null ? "The on-screen text service refused the video" : message);
    }
}

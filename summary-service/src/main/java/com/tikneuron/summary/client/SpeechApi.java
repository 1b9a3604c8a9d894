package com.tikneuron.summary.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.tikneuron.paid.ErrorBody;
import com.tikneuron.paid.UpstreamException;
import com.tikneuron.platform.ServiceCredentialClientFilter;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** The speech service inside diarization-service (contracts/speech-internal-api.yaml). */
@RegisterRestClient(configKey = "speech")
@RegisterProvider(ServiceCredentialClientFilter.class)
@Path("/internal/v1/videos/{videoId}/transcription")
@Produces(MediaType.APPLICATION_JSON)
interface SpeechApi {

    @GET
    Uni<Transcription> cached(@PathParam("videoId") String videoId, @QueryParam("language") String language);

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Transcription> transcribe(@PathParam("videoId") String videoId, TranscriptionRequest request);

    /** The optional language hint. */
    record TranscriptionRequest(String language) {
    }

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        if (status >= 500 || status == 429 || status == 408) {
            return new UpstreamException("the speech service answered HTTP " + status);
        }
        ErrorBody body = ErrorBody.of(response);
        return new SpeechRejectedException(body.errorCode() == null ? SpeechRejectedException.PROCESSING_FAILED : body.errorCode(),
                body.message() == null ? "The speech service refused the video" : body.message());
    }
}

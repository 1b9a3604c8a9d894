package com.tikneuron.summary.client;

import com.tikneuron.paid.ErrorBody;
import com.tikneuron.paid.UpstreamException;
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
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import io.smallrye.mutiny.Uni;
import com.tikneuron.platform.ServiceCredentialClientFilter;

@RegisterRestClient(configKey = "subtitle")
@RegisterProvider(ServiceCredentialClientFilter.class)
@Path("/internal/v1/videos")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface SubtitleApi {

    @POST
    @Path("/resolve")
    Uni<ResolvedVideo> resolve(ResolveRequest request);

    @GET
    @Path("/{videoId}")
    Uni<VideoMetadata> metadata(@PathParam("videoId") String videoId);

    @GET
    @Path("/{videoId}/transcript")
    Uni<Transcript> transcript(@PathParam("videoId") String videoId, @QueryParam("language") String language);

    record ResolveRequest(String url) {
    }

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        if (status >= 500 || status == 429) {
            return new UpstreamException("subtitle-service answered HTTP " + status);
        }
        ErrorBody body = ErrorBody.of(response);
        String code = body.errorCode() != null ? body.errorCode()
                : status == 404 ? SubtitleRejectedException.VIDEO_UNAVAILABLE : SubtitleRejectedException.INVALID_URL;
        return new SubtitleRejectedException(code, body.message());
    }
}

package com.tikneuron.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** subtitle-service's public route, called with the gateway-to-capability headers of contracts/capability-api.md. */
@RegisterRestClient(configKey = "subtitle")
@Path("/api/v1/tiktok")
interface SubtitleApi {

    @POST
    @Path("/subtitle")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> forward(
            @HeaderParam(CapabilityHeaders.ACCOUNT_ID) String accountId,
            @HeaderParam(CapabilityHeaders.KEY_MODE) String keyMode,
            @HeaderParam(CapabilityHeaders.REQUEST_ID) String requestId,
            @HeaderParam(CapabilityHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            byte[] body);
}

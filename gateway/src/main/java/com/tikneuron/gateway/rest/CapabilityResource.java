package com.tikneuron.gateway.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.tikneuron.gateway.capability.Capability;
import com.tikneuron.gateway.client.CapabilityHeaders;
import com.tikneuron.gateway.client.DownstreamReply;
import com.tikneuron.gateway.service.CapabilityService;
import com.tikneuron.gateway.service.IdempotencyService;
import com.tikneuron.platform.RequestIdRouteFilter;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The three paid routes of the public contract. The body is taken as bytes so that content type, size and
 * JSON errors get the gateway's own 4xx answers instead of the framework's.
 */
@Path("/api/v1/tiktok")
@Produces(MediaType.APPLICATION_JSON)
public class CapabilityResource {

    static final String REPLAYED = "Idempotent-Replayed";

    private final AccessGate gate;
    private final CapabilityService capabilities;

    CapabilityResource(AccessGate gate, CapabilityService capabilities) {
        this.gate = gate;
        this.capabilities = capabilities;
    }

    @POST
    @Path("/subtitle")
    public Uni<Response> subtitle(@Context HttpHeaders headers, @Context RoutingContext context, byte[] body) {
        return handle(Capability.SUBTITLE, headers, context, body);
    }

    @POST
    @Path("/summarize")
    public Uni<Response> summarize(@Context HttpHeaders headers, @Context RoutingContext context, byte[] body) {
        return handle(Capability.SUMMARY, headers, context, body);
    }

    @POST
    @Path("/diarization")
    public Uni<Response> diarization(@Context HttpHeaders headers, @Context RoutingContext context, byte[] body) {
        return handle(Capability.DIARIZATION, headers, context, body);
    }

    private Uni<Response> handle(Capability capability, HttpHeaders headers, RoutingContext context, byte[] body) {
        String requestId = context.get(RequestIdRouteFilter.CONTEXT_KEY);
        return gate.admit(headers, context)
                .chain(caller -> capabilities.handle(capability, caller, requestId,
                        headers.getHeaderString(CapabilityHeaders.IDEMPOTENCY_KEY),
                        headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body == null ? new byte[0] : body))
                .map(CapabilityResource::toResponse);
    }

    private static Response toResponse(IdempotencyService.Outcome outcome) {
        DownstreamReply reply = outcome.reply();
        Response.ResponseBuilder response = Response.status(reply.status())
                .entity(reply.body())
                .type(reply.contentType() == null ? MediaType.APPLICATION_JSON : reply.contentType());
        if (reply.creditsCharged() != null) {
            response.header(CapabilityHeaders.CREDITS_CHARGED, reply.creditsCharged());
        }
        if (reply.creditsRemaining() != null) {
            response.header(CapabilityHeaders.CREDITS_REMAINING, reply.creditsRemaining());
        }
        if (outcome.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.build();
    }
}

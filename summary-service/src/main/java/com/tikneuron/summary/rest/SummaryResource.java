package com.tikneuron.summary.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.paid.Caller;
import com.tikneuron.paid.rest.CreditHeaders;
import com.tikneuron.paid.rest.JsonBodies;
import com.tikneuron.summary.engine.SummaryType;
import com.tikneuron.summary.service.InvalidRequests;
import com.tikneuron.summary.service.SummaryOutcome;
import com.tikneuron.summary.service.SummaryService;

import io.smallrye.mutiny.Uni;
import com.tikneuron.platform.CallIds;
import com.tikneuron.platform.RequestIds;

/** POST /api/v1/tiktok/summarize as the gateway forwards it. */
@Path("/api/v1/tiktok/summarize")
public class SummaryResource {

    private final SummaryService service;
    private final ObjectMapper mapper;

    public SummaryResource(SummaryService service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Summarise a TikTok video as bullet points, prose or a structured object")
    public Uni<RestResponse<SummaryResponse>> summarize(String body, @RestHeader("X-Account-Id") String accountId,
            @RestHeader("X-Key-Mode") String keyMode, @RestHeader(CallIds.HEADER) String callId,
            @RestHeader(RequestIds.HEADER) String requestId) {
        Caller caller = Caller.fromHeaders(accountId, keyMode, callId, requestId);
        JsonNode fields = JsonBodies.object(mapper, body, InvalidRequests.BODY);
        var command = InvalidRequests.validate(JsonBodies.value(fields.get("url")),
                JsonBodies.value(fields.get("summary_type")), JsonBodies.value(fields.get("language")),
                JsonBodies.value(fields.get("mode")), caller);
        return service.summarize(command).map(this::response);
    }

    private RestResponse<SummaryResponse> response(SummaryOutcome outcome) {
        Object summary = outcome.summary();
        if (outcome.type() == SummaryType.STRUCTURED) {
            try {
                summary = mapper.readTree(outcome.summary());
            } catch (JsonProcessingException stored) {
                throw new IllegalStateException("a stored structured summary is not JSON", stored);
            }
        }
        return CreditHeaders.ok(new SummaryResponse(outcome.videoId(), summary, outcome.type().wireName(),
                outcome.language(), outcome.cached()), outcome.creditsCharged(), outcome.creditsRemaining());
    }
}

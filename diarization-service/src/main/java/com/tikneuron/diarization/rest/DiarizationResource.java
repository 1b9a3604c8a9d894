package com.tikneuron.diarization.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.service.DiarizationOutcome;
import com.tikneuron.diarization.service.DiarizationService;
import com.tikneuron.diarization.service.InvalidRequests;
import com.tikneuron.diarization.transcript.TranscriptFormat;
import com.tikneuron.paid.Caller;
import com.tikneuron.paid.rest.CreditHeaders;
import com.tikneuron.paid.rest.JsonBodies;
import com.tikneuron.platform.CallIds;
import com.tikneuron.platform.RequestIds;

import io.smallrye.mutiny.Uni;

/** POST /api/v1/tiktok/diarization as the gateway forwards it. */
@Path("/api/v1/tiktok/diarization")
public class DiarizationResource {

    private final DiarizationService service;
    private final ObjectMapper mapper;

    public DiarizationResource(DiarizationService service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who spoke when: a speaker-labelled transcript of a TikTok video")
    public Uni<RestResponse<DiarizationResponse>> diarize(String body, @RestHeader("X-Account-Id") String accountId,
            @RestHeader("X-Key-Mode") String keyMode, @RestHeader(RequestIds.HEADER) String requestId,
            @RestHeader(CallIds.HEADER) String callId) {
        Caller caller = Caller.fromHeaders(accountId, keyMode, callId, requestId);
        JsonNode fields = JsonBodies.object(mapper, body, InvalidRequests.BODY);
        var command = InvalidRequests.validate(JsonBodies.value(fields.get("url")), JsonBodies.value(fields.get("format")),
                JsonBodies.value(fields.get("speakers")), JsonBodies.value(fields.get("min_speakers")),
                JsonBodies.value(fields.get("max_speakers")), caller);
        return service.diarize(command).map(DiarizationResource::response);
    }

    private static RestResponse<DiarizationResponse> response(DiarizationOutcome outcome) {
        return CreditHeaders.ok(new DiarizationResponse(outcome.videoId(), outcome.content(), outcome.format().wireName(),
                outcome.cached(), TranscriptFormat.NAMES), outcome.creditsCharged(), outcome.creditsRemaining());
    }
}

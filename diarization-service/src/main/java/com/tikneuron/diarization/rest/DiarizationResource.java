package com.tikneuron.diarization.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import com.tikneuron.diarization.service.DiarizationOutcome;
import com.tikneuron.diarization.service.DiarizationService;
import com.tikneuron.diarization.service.InvalidRequests;
import com.tikneuron.diarization.transcript.TranscriptFormat;
import com.tikneuron.paid.rest.CreditHeaders;
import com.tikneuron.paid.rest.PaidRequest;

import io.smallrye.mutiny.Uni;

/** POST /api/v1/tiktok/diarization as the gateway forwards it. */
@Path("/api/v1/tiktok/diarization")
public class DiarizationResource {

    private final DiarizationService service;

    public DiarizationResource(DiarizationService service) {
        this.service = service;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who spoke when: a speaker-labelled transcript of a TikTok video")
    public Uni<RestResponse<DiarizationResponse>> diarize(String body, HttpHeaders headers) {
        PaidRequest request = PaidRequest.of(body, headers, InvalidRequests.BODY);
        var command = InvalidRequests.validate(request.field("url"), request.field("format"), request.field("speakers"),
                request.field("min_speakers"), request.field("max_speakers"), request.caller());
        return service.diarize(command).map(DiarizationResource::response);
    }

    private static RestResponse<DiarizationResponse> response(DiarizationOutcome outcome) {
        return CreditHeaders.ok(new DiarizationResponse(outcome.videoId(), outcome.content(), outcome.format().wireName(),
                outcome.cached(), TranscriptFormat.NAMES), outcome.creditsCharged(), outcome.creditsRemaining());
    }
}

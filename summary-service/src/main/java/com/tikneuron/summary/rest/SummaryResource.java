package com.tikneuron.summary.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import com.tikneuron.paid.rest.CreditHeaders;
import com.tikneuron.paid.rest.JsonBodies;
import com.tikneuron.paid.rest.PaidRequest;
import com.tikneuron.summary.engine.SummaryType;
import com.tikneuron.summary.service.InvalidRequests;
import com.tikneuron.summary.service.SummaryOutcome;
import com.tikneuron.summary.service.SummaryService;

import io.smallrye.mutiny.Uni;

/** POST /api/v1/tiktok/summarize as the gateway forwards it. */
@Path("/api/v1/tiktok/summarize")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    private final SummaryService service;

    public SummaryResource(SummaryService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Summarise a TikTok video as bullet points, prose or a structured object")
    public Uni<RestResponse<SummaryResponse>> summarize(String body, HttpHeaders headers) {
        PaidRequest request = PaidRequest.of(body, headers, InvalidRequests.BODY);
        var command = InvalidRequests.validate(request.field("url"), request.field("summary_type"),
                request.field("language"), request.field("mode"), request.caller());
        return service.summarize(command).map(SummaryResource::response);
    }

    private static RestResponse<SummaryResponse> response(SummaryOutcome outcome) {
        Object summary = outcome.summary();
        if (outcome.type() == SummaryType.STRUCTURED) {
            summary = JsonBodies.tree(outcome.summary());
            if (summary == null) {
                throw new IllegalStateException("a stored structured summary is not JSON");
            }
        }
        return CreditHeaders.ok(new SummaryResponse(outcome.videoId(), summary, outcome.type().wireName(),
                outcome.language(), outcome.cached()), outcome.creditsCharged(), outcome.creditsRemaining());
    }
}

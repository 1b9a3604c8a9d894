package com.tikneuron.diarization.rest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

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
import com.tikneuron.diarization.service.Caller;
import com.tikneuron.diarization.service.DiarizationOutcome;
import com.tikneuron.diarization.service.DiarizationService;
import com.tikneuron.diarization.service.InvalidRequestException;
import com.tikneuron.diarization.service.InvalidRequests;
import com.tikneuron.diarization.transcript.TranscriptFormat;
import com.tikneuron.platform.RequestIds;

import io.smallrye.mutiny.Uni;
import com.tikneuron.platform.CallIds;

/** POST /api/v1/tiktok/diarization as the gateway forwards it. */
@Path("/api/v1/tiktok/diarization")
public class DiarizationResource {

    static final String CREDITS_CHARGED = "X-Credits-Charged";
    static final String CREDITS_REMAINING = "X-Credits-Remaining";

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
        Caller caller = caller(accountId, keyMode, requestId, callId);
        JsonNode fields = parse(body);
        var command = InvalidRequests.validate(value(fields.get("url")), value(fields.get("format")), caller);
        return service.diarize(command).map(DiarizationResource::response);
    }

    private static RestResponse<DiarizationResponse> response(DiarizationOutcome outcome) {
        var response = RestResponse.ResponseBuilder.ok(new DiarizationResponse(outcome.videoId(), outcome.content(),
                        outcome.format().wireName(), outcome.cached(), TranscriptFormat.NAMES))
                .header(CREDITS_CHARGED, outcome.creditsCharged());
        if (outcome.creditsRemaining() != null) {
            response.header(CREDITS_REMAINING, outcome.creditsRemaining());
        }
        return response.build();
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : mapper.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException malformed) {
            // Answered below with the contract's validation body.
        }
        throw new InvalidRequestException(Map.of("body", List.of(InvalidRequests.BODY)));
    }

    /** JSON null counts as absent (the default applies); other JSON types stay as they are and fail validation. */
    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node;
    }

    private static Caller caller(String accountId, String keyMode, String requestId, String callId) {
        try {
            UUID.fromString(accountId == null ? "" : accountId);
        } catch (IllegalArgumentException notUuid) {
            throw new InvalidCallerException("X-Account-Id must be the caller's account id");
        }
        String mode = keyMode == null || keyMode.isBlank() ? "live" : keyMode;
        if (!mode.equals("live") && !mode.equals("test")) {
            throw new InvalidCallerException("X-Key-Mode must be live or test");
        }
        return new Caller(accountId.toLowerCase(Locale.ROOT), mode, RequestIds.acceptOrCreate(requestId),
                CallIds.acceptOrCreate(callId));
    }
}

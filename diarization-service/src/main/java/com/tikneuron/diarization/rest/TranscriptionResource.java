package com.tikneuron.diarization.rest;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;

import com.fasterxml.jackson.databind.JsonNode;
import com.tikneuron.diarization.service.TranscriptionFailedException;
import com.tikneuron.diarization.service.TranscriptionOutcome;
import com.tikneuron.diarization.service.TranscriptionService;
import com.tikneuron.paid.rest.JsonBodies;
import com.tikneuron.platform.RequestIds;

import io.smallrye.mutiny.Uni;

/**
 * POST /internal/v1/videos/{id}/transcription: a video's words with their timings, for our own services (the
 * service credential is required on every /internal/ route). It moves no credits; callers hold and settle.
 * GET on the same path answers only from the cache, so a caller can price its request before it holds.
 */
@Path("/internal/v1/videos/{id}/transcription")
public class TranscriptionResource {

    static final String INVALID_REQUEST = "invalid_request";
    private static final Pattern VIDEO_ID = Pattern.compile("^\\d{1,32}$");
    private static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$");

    private final TranscriptionService service;

    public TranscriptionResource(TranscriptionService service) {
        this.service = service;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A video's words with their timings, segments and language, recognised once and cached")
    public Uni<TranscriptionResponse> transcribe(@PathParam("id") String videoId, String body,
            @RestHeader(RequestIds.HEADER) String requestId) {
        if (!VIDEO_ID.matcher(videoId).matches()) {
            throw new TranscriptionFailedException(400, INVALID_REQUEST, "The video id must be TikTok's numeric id");
        }
        Optional<String> language = language(body);
        return service.transcribe(videoId, language, RequestIds.acceptOrCreate(requestId))
                .map(TranscriptionResource::response);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A video's transcript if it was recognised before (404 not_transcribed otherwise); never recognises")
    public Uni<TranscriptionResponse> cached(@PathParam("id") String videoId, @QueryParam("language") String language) {
        if (!VIDEO_ID.matcher(videoId).matches()) {
            throw new TranscriptionFailedException(400, INVALID_REQUEST, "The video id must be TikTok's numeric id");
        }
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            throw new TranscriptionFailedException(400, INVALID_REQUEST, "language must be a language code such as en or es");
        }
        return service.cached(videoId, Optional.ofNullable(language)).map(outcome -> {
            if (outcome == null) {
                throw new TranscriptionFailedException(404, TranscriptionFailedException.NOT_TRANSCRIBED,
                        "This video has not been transcribed yet");
            }
            return response(outcome);
        });
    }

    private static TranscriptionResponse response(TranscriptionOutcome outcome) {
        var transcript = outcome.transcript();
        return new TranscriptionResponse(outcome.videoId(), outcome.engineId(), transcript.language(),
                transcript.duration(), outcome.cached(), transcript.text(), transcript.words(), transcript.segments());
    }

    /** The optional {"language": "es"} hint; an empty body means no hint. */
    private static Optional<String> language(String body) {
        JsonNode language = JsonBodies.optionalObject(body).map(fields -> fields.get("language")).orElse(null);
        if (language == null || language.isNull()) {
            return Optional.empty();
        }
        if (!language.isTextual() || !LANGUAGE.matcher(language.asText()).matches()) {
            throw new TranscriptionFailedException(400, INVALID_REQUEST, "language must be a language code such as en or es");
        }
        return Optional.of(language.asText());
    }
}

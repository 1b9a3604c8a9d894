package com.tikneuron.diarization.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.client.TikTokImageClient;
import com.tikneuron.diarization.config.OcrConfig;
import com.tikneuron.diarization.ocr.OnScreenTextReader;
import com.tikneuron.diarization.ocr.TextLanguages;
import com.tikneuron.diarization.service.OnScreenTextFailedException;
import com.tikneuron.diarization.service.OnScreenTextOutcome;
import com.tikneuron.diarization.service.OnScreenTextService;
import com.tikneuron.platform.RequestIds;

import io.smallrye.mutiny.Uni;

/**
 * POST /internal/v1/videos/{id}/on-screen-text: the text a video or photo post shows on screen, for our own
 * services (the service credential is required on every /internal/ route). It moves no credits; callers hold and
 * settle.
 */
@Path("/internal/v1/videos/{id}/on-screen-text")
public class OnScreenTextResource {

    private static final Pattern VIDEO_ID = Pattern.compile("^\\d{1,32}$");
    private static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$");
    // TikTok allows 35 slides; a list far longer than any post is a caller's bug, refused before any work
    private static final int MAX_LISTED_IMAGES = 100;

    private final OnScreenTextService service;
    private final ObjectMapper mapper;
    private final OcrConfig config;

    public OnScreenTextResource(OnScreenTextService service, ObjectMapper mapper, OcrConfig config) {
        this.service = service;
        this.mapper = mapper;
        this.config = config;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The text a post shows on screen, timed, read once and cached")
    public Uni<OnScreenTextResponse> read(@PathParam("id") String videoId, String body,
            @RestHeader(RequestIds.HEADER) String requestId) {
        if (!VIDEO_ID.matcher(videoId).matches()) {
            throw invalid("The video id must be TikTok's numeric id");
        }
        return service.read(videoId, request(body), RequestIds.acceptOrCreate(requestId))
                .map(OnScreenTextResource::response);
    }

    private static OnScreenTextResponse response(OnScreenTextOutcome outcome) {
        var text = outcome.text();
        return new OnScreenTextResponse(outcome.videoId(), outcome.engineId(), text.kind().name().toLowerCase(Locale.ROOT),
                outcome.cached(), text.hasText(), text.characters(), text.languages(), text.duration(), text.text(),
                text.cues(), text.imagesSampled(), text.imagesRead());
    }

    /** The optional body: {"images": [slide URLs], "language": "es", "duration": 15}; empty means a video, no hint. */
    private OnScreenTextReader.Request request(String body) {
        if (body == null || body.isBlank()) {
            return new OnScreenTextReader.Request(List.of(), Optional.empty(), Optional.empty());
        }
        JsonNode fields;
        try {
            fields = mapper.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw invalid("The body must be a JSON object");
        }
        if (fields == null || !fields.isObject()) {
            throw invalid("The body must be a JSON object");
        }
        return new OnScreenTextReader.Request(images(fields.get("images")), language(fields.get("language")),
                duration(fields.get("duration")));
    }

    private List<String> images(JsonNode images) {
        if (images == null || images.isNull()) {
            return List.of();
        }
        if (!images.isArray() || images.size() > MAX_LISTED_IMAGES) {
            throw invalid("images must be a list of at most " + MAX_LISTED_IMAGES + " slide URLs");
        }
        List<String> urls = new ArrayList<>();
        for (JsonNode image : images) {
            if (!image.isTextual() || !TikTokImageClient.allowed(image.asText(), config.imageHosts())) {
                throw invalid("Every slide URL must be an https URL on TikTok's image CDN");
            }
            urls.add(image.asText());
        }
        return List.copyOf(urls);
    }

    private static Optional<String> language(JsonNode language) {
        if (language == null || language.isNull()) {
            return Optional.empty();
        }
        if (!language.isTextual() || !LANGUAGE.matcher(language.asText()).matches()) {
            throw invalid("language must be a language code such as en or es");
        }
        String base = language.asText().split("-")[0].toLowerCase(Locale.ROOT);
        if (!TextLanguages.TESSERACT.containsKey(base)) {
            throw new OnScreenTextFailedException(422, OnScreenTextFailedException.LANGUAGE_NOT_SUPPORTED,
                    "Reading on-screen text in " + base + " is not supported; supported: "
                            + String.join(", ", TextLanguages.TESSERACT.keySet().stream().sorted().toList()));
        }
        return Optional.of(base);
    }

    private static Optional<Double> duration(JsonNode duration) {
        if (duration == null || duration.isNull()) {
            return Optional.empty();
        }
        if (!duration.isNumber() || duration.asDouble() < 0 || duration.asDouble() > 86_400) {
            throw invalid("duration must be the post's length in seconds");
        }
        return Optional.of(duration.asDouble());
    }

    private static OnScreenTextFailedException invalid(String message) {
        return new OnScreenTextFailedException(400, OnScreenTextFailedException.INVALID_REQUEST, message);
    }
}

package com.tikneuron.subtitle.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.tikneuron.paid.Caller;
import com.tikneuron.paid.InvalidRequestException;
import com.tikneuron.paid.rest.CreditHeaders;
import com.tikneuron.subtitle.caption.LanguageCodes;
import com.tikneuron.subtitle.caption.SubtitleFormat;
import com.tikneuron.subtitle.service.SubtitleRequest;
import com.tikneuron.subtitle.service.SubtitleResult;
import com.tikneuron.subtitle.service.SubtitleService;
import com.tikneuron.subtitle.service.TranscriptMode;
import com.tikneuron.subtitle.tiktok.InvalidUrlException;
import com.tikneuron.subtitle.tiktok.TikTokUrl;
import com.tikneuron.subtitle.tiktok.TikTokUrls;

import io.smallrye.mutiny.Uni;
import com.tikneuron.platform.CallIds;
import com.tikneuron.platform.RequestIds;

/**
 * {@code POST /api/v1/tiktok/subtitle}, reached through the gateway, which authenticates, names the account and names
 * the call ({@code X-Call-Id}, the key of its hold and settlements; contracts/capability-api.md). The caller's
 * {@code X-Request-Id} goes with the hold and settlements as their correlation id, for the usage history only.
 */
@Path("/api/v1/tiktok/subtitle")
public class SubtitleResource {

    private final SubtitleService service;

    public SubtitleResource(SubtitleService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<SubtitleResponse>> subtitle(SubtitleBody body, @HeaderParam("X-Account-Id") String accountId,
            @HeaderParam("X-Key-Mode") String keyMode, @HeaderParam(CallIds.HEADER) String callId,
            @HeaderParam(RequestIds.HEADER) String requestId) {
        Caller caller = Caller.fromHeaders(accountId, keyMode, callId, requestId);
        return service.subtitle(validated(body, caller)).map(SubtitleResource::toResponse);
    }

    private static RestResponse<SubtitleResponse> toResponse(SubtitleResult result) {
        return CreditHeaders.ok(new SubtitleResponse(result.videoId(), result.content(), result.format(), result.cached(),
                SubtitleFormat.NAMES, result.language(), result.source(), result.availableLanguages()),
                result.creditsCharged(), result.creditsRemaining());
    }

    private static SubtitleRequest validated(SubtitleBody body, Caller caller) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        TikTokUrl url = null;
        try {
            url = TikTokUrls.parse(body == null ? null : body.url());
        } catch (InvalidUrlException e) {
            errors.computeIfAbsent("url", k -> new ArrayList<>()).add("Please provide a valid TikTok URL.");
        }
        SubtitleFormat format = SubtitleFormat.of(body == null ? null : body.format()).orElse(null);
        if (format == null) {
            errors.computeIfAbsent("format", k -> new ArrayList<>()).add("Format must be one of: raw, srt, vtt, txt.");
        }
        String language = body == null || body.language() == null || body.language().isBlank() ? null : body.language().strip();
        if (language != null && !LanguageCodes.VALID.matcher(language).matches()) {
            errors.computeIfAbsent("language", k -> new ArrayList<>()).add("Language must be a language code such as en or eng-US.");
        }
        TranscriptMode mode = TranscriptMode.of(body == null ? null : body.mode()).orElse(null);
        if (mode == null) {
            errors.computeIfAbsent("mode", k -> new ArrayList<>()).add(TranscriptMode.MESSAGE);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new SubtitleRequest(url, format, language, mode, caller);
    }
}

package com.tikneuron.subtitle.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.tikneuron.paid.rest.CreditHeaders;
import com.tikneuron.paid.rest.ErrorResponse;
import com.tikneuron.paid.rest.PaidExceptionMappers;
import com.tikneuron.paid.rest.ValidationErrorResponse;
import com.tikneuron.platform.RequestIds;
import com.tikneuron.subtitle.service.MediaTooLargeException;
import com.tikneuron.subtitle.service.NoSubtitleException;
import com.tikneuron.subtitle.tiktok.BlockedAddressException;
import com.tikneuron.subtitle.tiktok.InvalidUrlException;
import com.tikneuron.subtitle.tiktok.ResponseTooLargeException;
import com.tikneuron.subtitle.tiktok.TikTokUnavailableException;
import com.tikneuron.subtitle.tiktok.VideoUnavailableException;

/**
 * The answers of subtitle-service's own failures (TikTok's, a video's, a request's), in the contract's bodies with the
 * request id and {@code X-Credits-Charged: 0}; the paid protocol's failures and everything else are
 * {@link PaidExceptionMappers}'. No stack trace or class name ever leaves.
 */
public class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    @ServerExceptionMapper
    public RestResponse<?> invalidUrl(InvalidUrlException e, HttpHeaders headers, UriInfo uri) {
        return invalidUrl(e.getMessage(), headers, uri);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> invalidLanguage(InvalidLanguageException e, HttpHeaders headers) {
        return error(422, "invalid_language", e.getMessage(), headers);
    }

    @ServerExceptionMapper
    public RestResponse<?> blocked(BlockedAddressException e, HttpHeaders headers, UriInfo uri) {
        LOG.warnf("refused a TikTok fetch: %s", e.getMessage());
        return invalidUrl("Please provide a valid TikTok URL.", headers, uri);
    }

    // A URL found wrong only here (a short link that leads nowhere or off TikTok) gets, on the public route, the
    // contract's validation body, as if the gateway had refused it; the internal routes keep their error code.
    private static RestResponse<?> invalidUrl(String message, HttpHeaders headers, UriInfo uri) {
        if (uri != null && uri.getPath().startsWith("/api/")) {
            return respond(422, new ValidationErrorResponse("The given data was invalid.",
                    Map.of("url", List.of(message)), id(headers)));
        }
        return error(422, "invalid_url", message, headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unavailable(VideoUnavailableException e, HttpHeaders headers) {
        return error(404, "video_unavailable", e.getMessage(), headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> noSubtitle(NoSubtitleException e, HttpHeaders headers) {
        return error(404, "no_subtitle_available", NoSubtitleException.MESSAGE, headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> tiktokUnavailable(TikTokUnavailableException e, HttpHeaders headers) {
        LOG.warnf("TikTok unavailable: %s", e.getMessage());
        return error(503, "service_unavailable", e.getMessage() + ". Please retry shortly.", headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> mediaTooLarge(MediaTooLargeException e, HttpHeaders headers) {
        return error(413, "media_too_large", e.getMessage(), headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> tooLarge(ResponseTooLargeException e, HttpHeaders headers) {
        LOG.warnf("TikTok answer cut off: %s", e.getMessage());
        return error(422, "processing_failed", "Failed to process video: TikTok's answer was larger than allowed", headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unreadableBody(JsonProcessingException e, HttpHeaders headers) {
        return error(400, "invalid_request", "The request body must be a JSON object.", headers);
    }

    private static RestResponse<ErrorResponse> error(int status, String code, String message, HttpHeaders headers) {
        return respond(status, new ErrorResponse(code, message, id(headers)));
    }

    // A failed request never costs anything: the hold, if one was made, has been voided.
    private static <T> RestResponse<T> respond(int status, T body) {
        return RestResponse.ResponseBuilder.<T>create(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE)
                .header(CreditHeaders.CHARGED, 0).build();
    }

    private static String id(HttpHeaders headers) {
        return headers == null ? RequestIds.current() : RequestIds.acceptOrCreate(headers.getHeaderString(RequestIds.HEADER));
    }
}

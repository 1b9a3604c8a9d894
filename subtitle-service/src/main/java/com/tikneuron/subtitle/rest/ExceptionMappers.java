package com.tikneuron.subtitle.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.tikneuron.platform.RequestIds;
import com.tikneuron.subtitle.client.BillingUnavailableException;
import com.tikneuron.subtitle.client.InsufficientCreditsException;
import com.tikneuron.subtitle.service.MediaTooLargeException;
import com.tikneuron.subtitle.service.GenerationFailedException;
import com.tikneuron.subtitle.service.NoSubtitleException;
import com.tikneuron.subtitle.tiktok.BlockedAddressException;
import com.tikneuron.subtitle.tiktok.InvalidUrlException;
import com.tikneuron.subtitle.tiktok.ResponseTooLargeException;
import com.tikneuron.subtitle.tiktok.TikTokUnavailableException;
import com.tikneuron.subtitle.tiktok.VideoUnavailableException;

/** Maps every failure to the contract's status and body, with the request id; no stack trace or class name ever leaves. */
public class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    @ServerExceptionMapper
    public RestResponse<ValidationErrorBody> validation(ValidationFailedException e, HttpHeaders headers) {
        return respond(422, new ValidationErrorBody(e.getMessage(), e.errors(), id(headers)));
    }

    @ServerExceptionMapper
    public RestResponse<InvalidKeyBody> missingAccount(MissingAccountException e, HttpHeaders headers) {
        return respond(401, new InvalidKeyBody(false, e.getMessage(), id(headers)));
    }

    @ServerExceptionMapper
    public RestResponse<?> invalidUrl(InvalidUrlException e, HttpHeaders headers, UriInfo uri) {
        return invalidUrl(e.getMessage(), headers, uri);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> invalidLanguage(InvalidLanguageException e, HttpHeaders headers) {
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
            return respond(422, new ValidationErrorBody("The given data was invalid.", Map.of("url", List.of(message)),
                    id(headers)));
        }
        return error(422, "invalid_url", message, headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> unavailable(VideoUnavailableException e, HttpHeaders headers) {
        return error(404, "video_unavailable", e.getMessage(), headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> noSubtitle(NoSubtitleException e, HttpHeaders headers) {
        return error(404, "no_subtitle_available", "No subtitle available for this video", headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> generationFailed(GenerationFailedException e, HttpHeaders headers) {
        return error(e.status(), e.errorCode(), e.getMessage(), headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> insufficientCredits(InsufficientCreditsException e, HttpHeaders headers) {
        return error(402, "insufficient_credits", "Insufficient credits", headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> billingUnavailable(BillingUnavailableException e, HttpHeaders headers) {
        LOG.warnf("billing unavailable: %s", e.getCause() == null ? e.getMessage() : e.getCause().toString());
        return error(503, "service_unavailable", "Billing is temporarily unavailable; nothing was charged. Please retry shortly.", headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> breakerOpen(CircuitBreakerOpenException e, HttpHeaders headers) {
        return error(503, "service_unavailable", "Billing is temporarily unavailable; nothing was charged. Please retry shortly.", headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> tiktokUnavailable(TikTokUnavailableException e, HttpHeaders headers) {
        LOG.warnf("TikTok unavailable: %s", e.getMessage());
        return error(503, "service_unavailable", e.getMessage() + ". Please retry shortly.", headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> mediaTooLarge(MediaTooLargeException e, HttpHeaders headers) {
        return error(413, "media_too_large", e.getMessage(), headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> tooLarge(ResponseTooLargeException e, HttpHeaders headers) {
        LOG.warnf("TikTok answer cut off: %s", e.getMessage());
        return error(422, "processing_failed", "Failed to process video: TikTok's answer was larger than allowed", headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> unreadableBody(JsonProcessingException e, HttpHeaders headers) {
        return error(400, "invalid_request", "The request body must be a JSON object.", headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> web(WebApplicationException e, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406, 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "invalid_request";
        };
        String message = switch (status) {
            case 404 -> "No such endpoint.";
            case 405 -> "This endpoint does not accept that method.";
            case 406, 415 -> "Send and accept application/json.";
            default -> status >= 500 ? "Something went wrong on our side." : "The request could not be read.";
        };
        return error(status, code, message, headers);
    }

    @ServerExceptionMapper(priority = 10_000)
    public RestResponse<ErrorBody> unexpected(Throwable e, HttpHeaders headers) {
        LOG.error("unexpected failure", e);
        return error(500, "internal_error", "Something went wrong on our side.", headers);
    }

    private static RestResponse<ErrorBody> error(int status, String code, String message, HttpHeaders headers) {
        return respond(status, new ErrorBody(code, message, id(headers)));
    }

    // A failed request never costs anything: the hold, if one was made, has been voided.
    private static <T> RestResponse<T> respond(int status, T body) {
        return RestResponse.ResponseBuilder.<T>create(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Credits-Charged", 0).build();
    }

    private static String id(HttpHeaders headers) {
        return headers == null ? null : headers.getHeaderString(RequestIds.HEADER);
    }
}

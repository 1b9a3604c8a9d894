package com.tikneuron.paid.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.tikneuron.paid.CallRefundedException;
import com.tikneuron.paid.InsufficientCreditsException;
import com.tikneuron.paid.InternalApiException;
import com.tikneuron.paid.InvalidCallerException;
import com.tikneuron.paid.InvalidRequestException;
import com.tikneuron.paid.ProcessingFailedException;
import com.tikneuron.paid.ServiceUnavailableException;
import com.tikneuron.platform.RequestIds;

/**
 * Turns the protocol's failures into the public error bodies, each with {@code X-Credits-Charged: 0} (a failed request
 * never costs anything) and, after a hold, {@code X-Credits-Remaining}. Nothing internal (stack traces, class names)
 * ever leaves. A service may map its own domain exceptions beside these. An internal route's error answer
 * ({@link InternalApiException}) goes out with its own status and code and no credit headers.
 */
public class PaidExceptionMappers {

    private static final Logger LOG = Logger.getLogger(PaidExceptionMappers.class);

    @ServerExceptionMapper
    public RestResponse<ValidationErrorResponse> invalid(InvalidRequestException e, HttpHeaders headers) {
        return RestResponse.ResponseBuilder.<ValidationErrorResponse>create(422)
                .entity(new ValidationErrorResponse(e.getMessage(), e.errors(), requestId(headers)))
                .type(MediaType.APPLICATION_JSON_TYPE).header(CreditHeaders.CHARGED, 0).build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> invalidCaller(InvalidCallerException e, HttpHeaders headers) {
        return error(400, "invalid_request", e.getMessage(), null, headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> insufficientCredits(InsufficientCreditsException e, HttpHeaders headers) {
        return error(402, "insufficient_credits", "Insufficient credits", null, headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> callRefunded(CallRefundedException e, HttpHeaders headers) {
        return error(409, "call_refunded",
                "This call was already reported failed and refunded; nothing was done or charged. Send it again.", null,
                headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> processingFailed(ProcessingFailedException e, HttpHeaders headers) {
        return error(422, "processing_failed", "Failed to process video: " + e.reason(), e.creditsRemaining(), headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unavailable(ServiceUnavailableException e, HttpHeaders headers) {
        return error(503, "service_unavailable", e.getMessage(), e.creditsRemaining(), headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> internal(InternalApiException e, HttpHeaders headers) {
        return RestResponse.ResponseBuilder.<ErrorResponse>create(e.status())
                .entity(new ErrorResponse(e.errorCode(), e.getMessage(), requestId(headers))).build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> http(WebApplicationException e, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "invalid_request";
        };
        Response.StatusType reason = Response.Status.fromStatusCode(status);
        return error(status, code, reason == null ? "Request failed" : reason.getReasonPhrase(), null, headers);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unexpected(Exception e, HttpHeaders headers) {
        LOG.error("unexpected failure", e);
        return error(500, "internal_error", "Internal error, please retry later", null, headers);
    }

    private static RestResponse<ErrorResponse> error(int status, String code, String message, Integer remaining,
            HttpHeaders headers) {
        var response = RestResponse.ResponseBuilder.<ErrorResponse>create(status)
                .entity(new ErrorResponse(code, message, requestId(headers)))
                // JSON even on a route that answers something else (a media download)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(CreditHeaders.CHARGED, 0);
        if (remaining != null) {
            response.header(CreditHeaders.REMAINING, remaining);
        }
        return response.build();
    }

    private static String requestId(HttpHeaders headers) {
        return headers == null ? RequestIds.current() : RequestIds.acceptOrCreate(headers.getHeaderString(RequestIds.HEADER));
    }
}

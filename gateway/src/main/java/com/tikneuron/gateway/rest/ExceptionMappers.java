package com.tikneuron.gateway.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.tikneuron.gateway.error.InvalidApiKeyException;
import com.tikneuron.gateway.error.InvalidDataException;
import com.tikneuron.gateway.error.RateLimitedException;
import com.tikneuron.gateway.error.RejectedRequestException;
import com.tikneuron.gateway.error.ServiceUnavailableException;
import com.tikneuron.platform.RequestIds;

/** Maps every failure to the public error bodies; no stack trace or class name ever reaches a caller. */
public class ExceptionMappers {

    @ServerExceptionMapper
    public Response invalidApiKey(InvalidApiKeyException e, HttpHeaders headers) {
        return reply(e, headers);
    }

    @ServerExceptionMapper
    public Response invalidData(InvalidDataException e, HttpHeaders headers) {
        return reply(e, headers);
    }

    @ServerExceptionMapper
    public Response rejected(RejectedRequestException e, HttpHeaders headers) {
        return reply(e, headers);
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e, HttpHeaders headers) {
        return reply(e, headers);
    }

    @ServerExceptionMapper
    public Response serviceUnavailable(ServiceUnavailableException e, HttpHeaders headers) {
        return reply(e, headers);
    }

    // The framework's own refusals (unknown route, wrong method, unreadable header) in the same JSON shape.
    @ServerExceptionMapper
    public Response framework(WebApplicationException e, HttpHeaders headers) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, headers);
        }
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "invalid_request";
        };
        Response.Status known = Response.Status.fromStatusCode(status);
        String message = known == null ? "The request could not be processed." : known.getReasonPhrase() + ".";
        return json(status, new ErrorBodies.Error(code, message, requestId(headers)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers) {
        ErrorReplies.ErrorReply reply = ErrorReplies.unexpected(e, requestId(headers));
        return json(reply.status(), reply.body());
    }

    private static Response reply(Throwable e, HttpHeaders headers) {
        ErrorReplies.ErrorReply reply = ErrorReplies.of(e, requestId(headers));
        Response.ResponseBuilder response = Response.status(reply.status()).type(MediaType.APPLICATION_JSON)
                .entity(reply.body());
        if (reply.retryAfterSeconds() > 0) {
            response.header("Retry-After", Long.toString(reply.retryAfterSeconds()));
        }
        return response.build();
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static String requestId(HttpHeaders headers) {
        String id = headers == null ? null : headers.getHeaderString(RequestIds.HEADER);
        return id == null ? RequestIds.acceptOrCreate(null) : id;
    }
}

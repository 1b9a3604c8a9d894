package com.tikneuron.billing.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JacksonException;
import com.tikneuron.billing.service.ApiException;
import com.tikneuron.platform.RequestIds;

/** Maps failures to billing's error bodies; internals are logged, never sent. */
public class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    @ServerExceptionMapper
    public Response mapApiException(ApiException e) {
        return body(e.status(), new ApiError(e.errorCode(), e.getMessage(), e.errors(), RequestIds.current()));
    }

    @ServerExceptionMapper
    public Response mapUnreadableJson(JacksonException e) {
        return body(400, new ApiError("invalid_json", "The request body is not valid JSON of the expected shape.",
                null, RequestIds.current()));
    }

    @ServerExceptionMapper
    public Response mapNotFound(NotFoundException e) {
        return body(404, new ApiError("not_found", "No such resource.", null, RequestIds.current()));
    }

    @ServerExceptionMapper
    public Response mapWebApplicationException(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return body(500, new ApiError("internal_error", "Internal error.", null, RequestIds.current()));
        }
        return body(status, new ApiError("bad_request", Response.Status.fromStatusCode(status) == null
                ? "The request was refused."
                : Response.Status.fromStatusCode(status).getReasonPhrase() + ".", null, RequestIds.current()));
    }

    @ServerExceptionMapper
    public Response mapUnexpected(Exception e) {
        LOG.error("request failed", e);
        return body(500, new ApiError("internal_error", "Internal error.", null, RequestIds.current()));
    }

    private static Response body(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}

package com.tikneuron.jobs.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tikneuron.jobs.service.ApiException;

/** Maps failures to the public error bodies (with the request id); never a stack trace or a class name. */
public class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    private final ObjectMapper mapper;

    ExceptionMappers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, HttpHeaders headers) {
        ObjectNode body = mapper.createObjectNode();
        if (e.errors() != null) {
            body.put("message", e.getMessage());
            body.set("errors", mapper.valueToTree(e.errors()));
        } else {
            body.put("error_code", e.errorCode());
            body.put("message", e.getMessage());
        }
        body.put("request_id", headers.getHeaderString(Callers.REQUEST));
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpHeaders headers) {
        return error(400, "invalid_json", "The request body is not valid JSON.", headers);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, headers);
        }
        return error(status, status == 404 ? "not_found" : status == 405 ? "method_not_allowed"
                : status == 415 ? "unsupported_media_type" : "invalid_request",
                e.getResponse().getStatusInfo().getReasonPhrase() + ".", headers);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpHeaders headers) {
        LOG.error("unexpected failure", e);
        return error(500, "internal_error", "Something went wrong on our side.", headers);
    }

    private Response error(int status, String code, String message, HttpHeaders headers) {
        ObjectNode body = mapper.createObjectNode().put("error_code", code).put("message", message)
                .put("request_id", headers.getHeaderString(Callers.REQUEST));
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}

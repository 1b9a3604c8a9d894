package com.tikneuron.jobs.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tikneuron.jobs.service.JobService;

import io.smallrye.mutiny.Uni;

/**
 * Jobs, as the gateway forwards them: the caller's account and key mode come in X-Account-Id and X-Key-Mode, which
 * this service believes only with the service credential (ServiceCredentialRouteFilter guards /api/).
 */
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private final JobService jobs;

    JobResource(JobService jobs) {
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    public Uni<ObjectNode> create(@HeaderParam(Callers.ACCOUNT) String account, @HeaderParam(Callers.MODE) String mode,
            @HeaderParam(Callers.REQUEST) String requestId, JsonNode body) {
        return jobs.create(Callers.of(account, mode, requestId), body);
    }

    @GET
    public Uni<ObjectNode> list(@HeaderParam(Callers.ACCOUNT) String account, @HeaderParam(Callers.MODE) String mode,
            @HeaderParam(Callers.REQUEST) String requestId, @QueryParam("status") String status,
            @QueryParam("limit") String limit, @QueryParam("starting_after") String startingAfter) {
        return jobs.list(Callers.of(account, mode, requestId), status, limit, startingAfter);
    }

    @GET
    @Path("/{id}")
    public Uni<ObjectNode> get(@HeaderParam(Callers.ACCOUNT) String account, @HeaderParam(Callers.MODE) String mode,
            @HeaderParam(Callers.REQUEST) String requestId, @PathParam("id") String id) {
        return jobs.get(Callers.of(account, mode, requestId), id);
    }

    @DELETE
    @Path("/{id}")
    public Uni<ObjectNode> cancel(@HeaderParam(Callers.ACCOUNT) String account, @HeaderParam(Callers.MODE) String mode,
            @HeaderParam(Callers.REQUEST) String requestId, @PathParam("id") String id) {
        return jobs.cancel(Callers.of(account, mode, requestId), id);
    }
}

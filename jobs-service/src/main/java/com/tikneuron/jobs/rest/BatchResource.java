package com.tikneuron.jobs.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tikneuron.jobs.service.JobService;

import io.smallrye.mutiny.Uni;

/** Batches of jobs of one type, as the gateway forwards them (see JobResource). */
@Path("/api/v1/batches")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private final JobService jobs;

    BatchResource(JobService jobs) {
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    public Uni<ObjectNode> create(@HeaderParam(Callers.ACCOUNT) String account, @HeaderParam(Callers.MODE) String mode,
            @HeaderParam(Callers.REQUEST) String requestId, JsonNode body) {
        return jobs.createBatch(Callers.of(account, mode, requestId), body);
    }

    @GET
    @Path("/{id}")
    public Uni<ObjectNode> get(@HeaderParam(Callers.ACCOUNT) String account, @HeaderParam(Callers.MODE) String mode,
            @HeaderParam(Callers.REQUEST) String requestId, @PathParam("id") String id) {
        return jobs.batch(Callers.of(account, mode, requestId), id, true);
    }
}

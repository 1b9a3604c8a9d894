package com.tikneuron.jobs.rest;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tikneuron.jobs.service.WebhookSecretService;

import io.smallrye.mutiny.Uni;

/** Creates or rotates the account's webhook signing secret; the answer is the only time it is shown. */
@Path("/api/v1/webhooks/secret")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSecretResource {

    private final WebhookSecretService secrets;

    WebhookSecretResource(WebhookSecretService secrets) {
        this.secrets = secrets;
    }

    @POST
    @ResponseStatus(201)
    public Uni<ObjectNode> rotate(@HeaderParam(Callers.ACCOUNT) String account, @HeaderParam(Callers.MODE) String mode,
            @HeaderParam(Callers.REQUEST) String requestId) {
        return secrets.rotate(Callers.of(account, mode, requestId));
    }
}

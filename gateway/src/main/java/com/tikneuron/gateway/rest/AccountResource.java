package com.tikneuron.gateway.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.tikneuron.gateway.client.UsagePage;
import com.tikneuron.gateway.service.AccountService;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** The caller's own account: credit balance and usage history. */
@Path("/api/v1/account")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccessGate gate;
    private final AccountService accounts;

    AccountResource(AccessGate gate, AccountService accounts) {
        this.gate = gate;
        this.accounts = accounts;
    }

    @GET
    @Path("/credits")
    public Uni<CreditBalance> credits(@Context HttpHeaders headers, @Context RoutingContext context) {
        return gate.admit(headers, context).chain(accounts::balance).map(CreditBalance::of);
    }

    @GET
    @Path("/usage")
    public Uni<UsagePage> usage(@Context HttpHeaders headers, @Context RoutingContext context,
            @QueryParam("limit") String limit, @QueryParam("starting_after") String startingAfter) {
        return gate.admit(headers, context).chain(caller -> accounts.usage(caller, limit, startingAfter));
    }
}

package com.tikneuron.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import com.tikneuron.platform.ServiceCredentialClientFilter;

/** billing-service's internal API as the gateway uses it (contracts/billing-internal-api.yaml). */
@RegisterRestClient(configKey = "billing")
@RegisterProvider(ServiceCredentialClientFilter.class)
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
interface BillingApi {

    @GET
    @Path("/keys/{digest}")
    Uni<KeyRecord> key(@PathParam("digest") String digest);

    @GET
    @Path("/accounts/{accountId}/balance")
    Uni<BalanceRecord> balance(@PathParam("accountId") String accountId);

    @GET
    @Path("/accounts/{accountId}/usage")
    Uni<UsagePage> usage(@PathParam("accountId") String accountId, @QueryParam("limit") int limit,
            @QueryParam("starting_after") String startingAfter);

    @POST
    @Path("/accounts/{accountId}/calls/{callId}/refund")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> refund(@PathParam("accountId") String accountId, @PathParam("callId") String callId,
            RefundReason reason);

    /** Why a call is refunded, as billing records it. */
    record RefundReason(String reason) {
    }

    // 404 and 422 are answers, not failures: they become their own exceptions so they never trip the breaker.
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return switch (response.getStatus()) {
            case 404 -> new BillingNotFoundException();
            case 422 -> new BillingRejectedException();
            default -> response.getStatus() >= 400 ? new ClientWebApplicationException(response.getStatus()) : null;
        };
    }
}

package com.tikneuron.subtitle.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import com.tikneuron.platform.ServiceCredentialClientFilter;

/** billing-service's internal API, the part this service uses (contracts/billing-internal-api.yaml). */
@RegisterRestClient(configKey = "billing")
@RegisterProvider(ServiceCredentialClientFilter.class)
@Path("/internal/v1")
interface BillingApi {

    @POST
    @Path("/holds")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Hold> createHold(HoldRequest request);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 402) {
            return new InsufficientCreditsException();
        }
        return new BillingUnavailableException("billing answered " + response.getStatus(), null);
    }
}

package com.tikneuron.paid.billing;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.tikneuron.paid.CallRefundedException;
import com.tikneuron.paid.ErrorBody;
import com.tikneuron.paid.InsufficientCreditsException;
import com.tikneuron.paid.UpstreamException;
import com.tikneuron.platform.ServiceCredentialClientFilter;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** billing-service's hold API (contracts/billing-internal-api.yaml), with the service credential on every call. */
@RegisterRestClient(configKey = "billing")
@RegisterProvider(ServiceCredentialClientFilter.class)
@Path("/internal/v1/holds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface BillingApi {

    @POST
    Uni<Hold> createHold(HoldRequest request);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        if (status == 402) {
            return new InsufficientCreditsException();
        }
        if (status >= 500 || status == 429 || status == 408) {
            return new UpstreamException("billing-service answered HTTP " + status);
        }
        ErrorBody body = ErrorBody.of(response);
        if (status == 409 && "call_refunded".equals(body.errorCode())) {
            return new CallRefundedException();
        }
        return new BillingRejectedException(status, "billing-service refused the hold: HTTP " + status + " " + body.errorCode());
    }
}

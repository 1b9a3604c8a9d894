package com.tikneuron.portal.billing;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.tikneuron.platform.ServiceCredentialClientFilter;

import io.quarkus.qute.TemplateData;

/**
 * billing-service's internal routes as the portal uses them (contracts/billing-internal-api.yaml), always with the
 * service credential and always naming the signed-in user's own account. Blocking: pages run on worker threads.
 */
@RegisterRestClient(configKey = "billing")
@RegisterProvider(ServiceCredentialClientFilter.class)
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface BillingApi {

    @POST
    @Path("/portal/accounts")
    Account openAccount(NewAccount request);

    @GET
    @Path("/portal/accounts/{accountId}")
    Account account(@PathParam("accountId") UUID accountId);

    @GET
    @Path("/portal/accounts/{accountId}/keys")
    KeyList keys(@PathParam("accountId") UUID accountId);

    @GET
    @Path("/portal/accounts/{accountId}/keys/{keyId}")
    Key key(@PathParam("accountId") UUID accountId, @PathParam("keyId") String keyId);

    @POST
    @Path("/portal/accounts/{accountId}/keys")
    NewKey issue(@PathParam("accountId") UUID accountId, KeyRequest request);

    @POST
    @Path("/portal/accounts/{accountId}/keys/{keyId}/rotate")
    Rotated rotate(@PathParam("accountId") UUID accountId, @PathParam("keyId") String keyId, RotateRequest request);

    @DELETE
    @Path("/portal/accounts/{accountId}/keys/{keyId}")
    void revoke(@PathParam("accountId") UUID accountId, @PathParam("keyId") String keyId);

    @GET
    @Path("/portal/accounts/{accountId}/usage/daily")
    DailyList daily(@PathParam("accountId") UUID accountId, @QueryParam("days") int days);

    @GET
    @Path("/accounts/{accountId}/usage")
    UsagePage usage(@PathParam("accountId") UUID accountId, @QueryParam("limit") int limit,
            @QueryParam("starting_after") String startingAfter);

    @GET
    @Path("/keys/{digest}")
    KeyLookup lookup(@PathParam("digest") String digest);

    record NewAccount(String name) {
    }

    @TemplateData
    record Account(UUID id, String name, long credits, long reserved) {
    }

    record KeyRequest(String mode, String name) {
    }

    @TemplateData
    record Key(UUID id, String name, String prefix, String mode, String status, OffsetDateTime createdAt,
            OffsetDateTime lastUsedAt, OffsetDateTime revokedAt, OffsetDateTime revokeAfter) {
        public boolean active() {
            return "active".equals(status);
        }

        public String created() {
            return Times.show(createdAt);
        }

        public String lastUsed() {
            return lastUsedAt == null ? "never" : Times.show(lastUsedAt);
        }

        public String revoked() {
            return revokedAt == null ? "" : Times.show(revokedAt);
        }

        public String retiring() {
            return revokeAfter == null ? "" : Times.show(revokeAfter);
        }

        public String label() {
            return name == null || name.isBlank() ? "(unnamed)" : name;
        }
    }

    record KeyList(List<Key> data) {
    }

    @TemplateData
    record NewKey(UUID id, String key, String prefix, String mode, String name) {
    }

    record RotateRequest(long graceSeconds, String name) {
    }

    record Rotated(NewKey key, Key previous) {
    }

    record Daily(LocalDate day, String capability, long credits, long calls) {
    }

    record DailyList(int days, List<Daily> data) {
    }

    @TemplateData
    record Usage(String id, OffsetDateTime createdAt, String capability, String videoId, long credits, String status,
            String mode, String requestId) {
        public String when() {
            return Times.show(createdAt);
        }
    }

    record UsagePage(List<Usage> data, boolean hasMore) {
    }

    record KeyLookup(UUID accountId, UUID keyId, String mode, String status) {
    }
}

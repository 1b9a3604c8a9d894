package com.tikneuron.billing.rest;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import com.tikneuron.billing.account.KeyMode;
import com.tikneuron.billing.portal.PortalKeyRepository;
import com.tikneuron.billing.portal.PortalPayloads.DailyUsage;
import com.tikneuron.billing.portal.PortalPayloads.DailyUsageList;
import com.tikneuron.billing.portal.PortalPayloads.KeyList;
import com.tikneuron.billing.portal.PortalPayloads.KeyView;
import com.tikneuron.billing.portal.PortalPayloads.NamedKeyCreated;
import com.tikneuron.billing.portal.PortalPayloads.NewNamedKey;
import com.tikneuron.billing.portal.PortalPayloads.NewPortalAccount;
import com.tikneuron.billing.portal.PortalPayloads.PortalAccount;
import com.tikneuron.billing.portal.PortalPayloads.RotateRequest;
import com.tikneuron.billing.portal.PortalPayloads.Rotated;
import com.tikneuron.billing.service.AccountService;
import com.tikneuron.billing.service.ApiException;
import com.tikneuron.billing.service.KeyService;

import io.smallrye.mutiny.Uni;

/**
 * What the developer portal may do for a signed-in customer: open the account at sign-up, read it, and list, issue,
 * rotate and revoke its keys. Internal (service credential only); every key route names the account, and a key of
 * another account is answered exactly like a key that does not exist.
 */
@Path("/internal/v1/portal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "portal")
public class PortalResource {

    static final long MAX_GRACE_SECONDS = Duration.ofDays(7).toSeconds();
    private static final int MAX_NAME = 100;

    private final AccountService accounts;
    private final KeyService keys;
    private final PortalKeyRepository portalKeys;
    private final long signupCredits;

    public PortalResource(AccountService accounts, KeyService keys, PortalKeyRepository portalKeys,
            @ConfigProperty(name = "tikneuron.billing-portal.signup-credits") long signupCredits) {
        this.accounts = accounts;
        this.keys = keys;
        this.portalKeys = portalKeys;
        this.signupCredits = signupCredits;
    }

    @POST
    @Path("/accounts")
    @Operation(summary = "Open the account of a new portal user, with the configured sign-up credits")
    public Uni<RestResponse<PortalAccount>> open(NewPortalAccount request) {
        String name = request == null ? null : request.name();
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiException.invalid(Map.of("name", List.of("The name field is required (at most 200 characters).")));
        }
        return accounts.open(name, signupCredits).map(id -> RestResponse.status(RestResponse.Status.CREATED,
                new PortalAccount(id, name, signupCredits, 0)));
    }

    @GET
    @Path("/accounts/{accountId}")
    @Operation(summary = "The account and its balances")
    public Uni<PortalAccount> account(@RestPath String accountId) {
        return accounts.find(accountId(accountId))
                .map(account -> new PortalAccount(account.id, account.name, account.available, account.reserved));
    }

    @GET
    @Path("/accounts/{accountId}/keys")
    @Operation(summary = "The account's keys, active first (never their text)")
    public Uni<KeyList> keys(@RestPath String accountId) {
        UUID account = accountId(accountId);
        return accounts.find(account).flatMap(found -> portalKeys.keys(account))
                .map(rows -> new KeyList("list", rows.stream().map(KeyView::of).toList()));
    }

    @GET
    @Path("/accounts/{accountId}/keys/{keyId}")
    @Operation(summary = "One key of the account")
    public Uni<KeyView> key(@RestPath String accountId, @RestPath String keyId) {
        return portalKeys.key(accountId(accountId), keyId(keyId)).map(row -> {
            if (row == null) {
                throw keyNotFound();
            }
            return KeyView.of(row);
        });
    }

    @POST
    @Path("/accounts/{accountId}/keys")
    @Operation(summary = "Issue a named key; the response is the only time its text is shown")
    public Uni<RestResponse<NamedKeyCreated>> issue(@RestPath String accountId, NewNamedKey request) {
        UUID account = accountId(accountId);
        Requests.FieldErrors errors = new Requests.FieldErrors();
        String wire = request == null || request.mode() == null ? KeyMode.LIVE.wire() : request.mode();
        KeyMode mode = KeyMode.fromWire(wire).orElse(null);
        if (mode == null) {
            errors.add("mode", "The mode must be one of: live, test.");
        }
        String name = name(request == null ? null : request.name(), errors);
        errors.throwIfAny();
        return issueNamed(account, mode, name)
                .map(created -> RestResponse.status(RestResponse.Status.CREATED, created));
    }

    @POST
    @Path("/accounts/{accountId}/keys/{keyId}/rotate")
    @Operation(summary = "Issue a replacement key now and revoke this one after the grace period (0 to 7 days)")
    public Uni<RestResponse<Rotated>> rotate(@RestPath String accountId, @RestPath String keyId,
            RotateRequest request) {
        UUID account = accountId(accountId);
        UUID key = keyId(keyId);
        Requests.FieldErrors errors = new Requests.FieldErrors();
        Long grace = request == null ? null : request.graceSeconds();
        if (grace == null || grace < 0 || grace > MAX_GRACE_SECONDS) {
            errors.add("grace_seconds", "The grace_seconds must be an integer from 0 to " + MAX_GRACE_SECONDS + ".");
        }
        String requestedName = request == null ? null : request.name();
        errors.throwIfAny();
        return portalKeys.key(account, key).flatMap(old -> {
            if (old == null || !"active".equals(old.status())) {
                return Uni.createFrom().failure(keyNotFound());
            }
            Requests.FieldErrors nameErrors = new Requests.FieldErrors();
            String name = name(requestedName == null ? old.name() : requestedName, nameErrors);
            nameErrors.throwIfAny();
            KeyMode mode = KeyMode.fromWire(old.mode()).orElseThrow();
            return issueNamed(account, mode, name).flatMap(created -> {
                Uni<Boolean> retired = grace == 0
                        ? portalKeys.revoke(account, key)
                        : portalKeys.revokeAfter(account, key, OffsetDateTime.now().plusSeconds(grace));
                return retired.flatMap(ignored -> portalKeys.key(account, key))
                        .map(previous -> RestResponse.status(RestResponse.Status.CREATED,
                                new Rotated(created, KeyView.of(previous))));
            });
        });
    }

    @DELETE
    @Path("/accounts/{accountId}/keys/{keyId}")
    @Operation(summary = "Revoke one of the account's keys now")
    public Uni<RestResponse<Void>> revoke(@RestPath String accountId, @RestPath String keyId) {
        return portalKeys.revoke(accountId(accountId), keyId(keyId)).map(found -> {
            if (!found) {
                throw keyNotFound();
            }
            return RestResponse.noContent();
        });
    }

    @GET
    @Path("/accounts/{accountId}/usage/daily")
    @Operation(summary = "Credits captured per UTC day and capability (live keys), over the last days (1 to 90)")
    public Uni<DailyUsageList> daily(@RestPath String accountId, @QueryParam("days") Integer days) {
        UUID account = accountId(accountId);
        int span = days == null ? 30 : days;
        if (span < 1 || span > 90) {
            throw ApiException.invalid(Map.of("days", List.of("The days must be between 1 and 90.")));
        }
        return accounts.find(account).flatMap(found -> portalKeys.daily(account, span))
                .map(rows -> new DailyUsageList("list", span, rows.stream()
                        .map(row -> new DailyUsage(row.day(), row.capability(), row.credits(), row.calls()))
                        .toList()));
    }

    private Uni<NamedKeyCreated> issueNamed(UUID account, KeyMode mode, String name) {
        return keys.issue(account, mode).flatMap(issued -> portalKeys.name(issued.id(), name)
                .replaceWith(new NamedKeyCreated(issued.id(), issued.key(), issued.prefix(), issued.mode(), name)));
    }

    private static String name(String value, Requests.FieldErrors errors) {
        String name = value == null ? "" : value.strip();
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            errors.add("name", "The name may have at most " + MAX_NAME + " characters and no control characters.");
        }
        return name.isEmpty() ? null : name;
    }

    private static UUID accountId(String value) {
        return Requests.pathId(value, "account_not_found", "Account not found");
    }

    private static UUID keyId(String value) {
        return Requests.pathId(value, "key_not_found", "Key not found");
    }

    private static ApiException keyNotFound() {
        return ApiException.notFound("key_not_found", "Key not found");
    }
}

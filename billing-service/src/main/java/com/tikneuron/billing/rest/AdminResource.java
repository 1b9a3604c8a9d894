package com.tikneuron.billing.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import com.tikneuron.billing.account.Account;
import com.tikneuron.billing.account.KeyMode;
import com.tikneuron.billing.config.BillingConfig;
import com.tikneuron.billing.rest.Payloads.AccountCreated;
import com.tikneuron.billing.rest.Payloads.AccountView;
import com.tikneuron.billing.rest.Payloads.CreditsRequest;
import com.tikneuron.billing.rest.Payloads.CreditsResponse;
import com.tikneuron.billing.rest.Payloads.KeyCreated;
import com.tikneuron.billing.rest.Payloads.LedgerLine;
import com.tikneuron.billing.rest.Payloads.NewAccountRequest;
import com.tikneuron.billing.rest.Payloads.NewKeyRequest;
import com.tikneuron.billing.rest.Payloads.Page;
import com.tikneuron.billing.rest.Payloads.PlanRequest;
import com.tikneuron.billing.rest.Payloads.PlanView;
import com.tikneuron.billing.service.AccountService;
import com.tikneuron.billing.service.ApiException;
import com.tikneuron.billing.service.KeyService;
import com.tikneuron.billing.service.Plan;

import io.smallrye.mutiny.Uni;

/** Operators' API: accounts, keys, credits and the ledger. Guarded by {@link AdminTokenFilter}. */
@Path("/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AdminResource {

    private static final long MAX_CREDITS = 1_000_000_000L;
    private static final int MAX_REQUESTS_PER_MINUTE = 1_000_000;
    private static final int MAX_CONCURRENT_JOBS = 10_000;

    private final AccountService accounts;
    private final KeyService keys;
    private final BillingConfig config;

    public AdminResource(AccountService accounts, KeyService keys, BillingConfig config) {
        this.accounts = accounts;
        this.keys = keys;
        this.config = config;
    }

    @POST
    @Path("/accounts")
    @Operation(summary = "Open an account with an opening balance")
    public Uni<RestResponse<AccountCreated>> openAccount(NewAccountRequest request) {
        Requests.FieldErrors errors = new Requests.FieldErrors();
        String name = request == null ? null : request.name();
        Long credits = request == null || request.credits() == null ? Long.valueOf(0) : request.credits();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add("name", "The name field is required (at most 200 characters).");
        }
        if (credits < 0 || credits > MAX_CREDITS) {
            errors.add("credits", "The credits must be an integer from 0 to " + MAX_CREDITS + ".");
        }
        errors.throwIfAny();
        return accounts.open(name, credits)
                .map(id -> RestResponse.status(RestResponse.Status.CREATED, new AccountCreated(id, name, credits)));
    }

    @GET
    @Path("/accounts/{accountId}")
    @Operation(summary = "An account and its balances")
    public Uni<AccountView> account(@RestPath String accountId) {
        return accounts.find(accountId(accountId))
                .map(this::view);
    }

    @PUT
    @Path("/accounts/{accountId}/plan")
    @Operation(summary = "Set the account's plan: requests per minute, burst and concurrent jobs (omitted: the default)")
    public Uni<AccountView> setPlan(@RestPath String accountId, PlanRequest request) {
        UUID id = accountId(accountId);
        PlanRequest plan = request == null ? new PlanRequest(null, null, null) : request;
        Requests.FieldErrors errors = new Requests.FieldErrors();
        checkLimit(errors, "requests_per_minute", plan.requestsPerMinute(), MAX_REQUESTS_PER_MINUTE);
        checkLimit(errors, "burst", plan.burst(), MAX_REQUESTS_PER_MINUTE);
        checkLimit(errors, "concurrent_jobs", plan.concurrentJobs(), MAX_CONCURRENT_JOBS);
        errors.throwIfAny();
        return accounts.setPlan(id, plan.requestsPerMinute(), plan.burst(), plan.concurrentJobs()).map(this::view);
    }

    private static void checkLimit(Requests.FieldErrors errors, String field, Integer value, int max) {
        if (value != null && (value < 1 || value > max)) {
            errors.add(field, "The " + field + " must be an integer from 1 to " + max + ".");
        }
    }

    private AccountView view(Account account) {
        Plan plan = Plan.of(account, config.planDefaults());
        return new AccountView(account.id, account.name, account.available, account.reserved,
                new PlanView(plan.requestsPerMinute(), plan.burst(), plan.concurrentJobs()));
    }

    @POST
    @Path("/accounts/{accountId}/keys")
    @Operation(summary = "Issue an API key; the response is the only time its text is shown")
    public Uni<RestResponse<KeyCreated>> issueKey(@RestPath String accountId, NewKeyRequest request) {
        UUID id = accountId(accountId);
        String wire = request == null || request.mode() == null ? KeyMode.LIVE.wire() : request.mode();
        KeyMode mode = KeyMode.fromWire(wire).orElseThrow(() -> ApiException.invalid(
                java.util.Map.of("mode", java.util.List.of("The mode must be one of: live, test."))));
        return keys.issue(id, mode).map(key -> RestResponse.status(RestResponse.Status.CREATED,
                new KeyCreated(key.id(), key.key(), key.prefix(), key.mode())));
    }

    @POST
    @Path("/accounts/{accountId}/credits")
    @Operation(summary = "Grant credits, or correct with a negative amount (never below zero)")
    public Uni<CreditsResponse> adjustCredits(@RestPath String accountId, CreditsRequest request) {
        UUID id = accountId(accountId);
        Requests.FieldErrors errors = new Requests.FieldErrors();
        Long amount = request == null ? null : request.amount();
        if (amount == null || amount == 0 || Math.abs(amount) > MAX_CREDITS) {
            errors.add("amount", "The amount must be a non-zero integer between -" + MAX_CREDITS + " and "
                    + MAX_CREDITS + ".");
        }
        String reason = request == null ? null : request.reason();
        if (reason != null && reason.length() > 500) {
            errors.add("reason", "The reason may have at most 500 characters.");
        }
        errors.throwIfAny();
        return accounts.adjust(id, amount, reason == null ? "admin adjustment" : reason).map(CreditsResponse::new);
    }

    @DELETE
    @Path("/keys/{keyId}")
    @Operation(summary = "Revoke an API key")
    public Uni<RestResponse<Void>> revokeKey(@RestPath String keyId) {
        UUID id = Requests.pathId(keyId, "key_not_found", "Key not found");
        return keys.revoke(id).map(found -> {
            if (!found) {
                throw ApiException.notFound("key_not_found", "Key not found");
            }
            return RestResponse.noContent();
        });
    }

    @GET
    @Path("/accounts/{accountId}/ledger")
    @Operation(summary = "The account's ledger, newest first")
    public Uni<Page<LedgerLine>> ledger(@RestPath String accountId, @QueryParam("limit") Integer limit,
            @QueryParam("starting_after") Long startingAfter) {
        int size = Requests.limit(limit);
        return accounts.ledger(accountId(accountId), startingAfter, size + 1).map(rows -> Page.of(rows.stream()
                .map(entry -> new LedgerLine(entry.id, entry.kind, entry.amount, entry.holdId, entry.capability,
                        entry.reason, entry.createdAt))
                .toList(), size));
    }

    private static UUID accountId(String value) {
        return Requests.pathId(value, "account_not_found", "Account not found");
    }
}

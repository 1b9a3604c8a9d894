package com.tikneuron.billing.rest;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;

import com.tikneuron.billing.account.Capability;
import com.tikneuron.billing.account.KeyMode;
import com.tikneuron.billing.repository.HoldOutcome;
import com.tikneuron.billing.rest.Payloads.BalanceResponse;
import com.tikneuron.billing.rest.Payloads.HoldRequest;
import com.tikneuron.billing.rest.Payloads.HoldResponse;
import com.tikneuron.billing.rest.Payloads.KeyLookupResponse;
import com.tikneuron.billing.rest.Payloads.Page;
import com.tikneuron.billing.rest.Payloads.PlanView;
import com.tikneuron.billing.rest.Payloads.UsageEntry;
import com.tikneuron.billing.service.ApiException;
import com.tikneuron.billing.service.HoldService;
import com.tikneuron.billing.service.HoldService.NewHold;
import com.tikneuron.billing.service.KeyService;

import io.smallrye.mutiny.Uni;

/** Cluster-internal API: key lookup for the gateway, holds for the capability services, balance and usage. */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class InternalResource {

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HOLD_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final long MAX_HOLD = 1_000_000;

    private final KeyService keys;
    private final HoldService holds;

    public InternalResource(KeyService keys, HoldService holds) {
        this.keys = keys;
        this.holds = holds;
    }

    @GET
    @Path("/keys/{digest}")
    @Operation(summary = "Resolve an API key by the hex SHA-256 digest of its text")
    public Uni<KeyLookupResponse> lookupKey(@RestPath String digest) {
        if (!DIGEST.matcher(digest).matches()) {
            return Uni.createFrom().failure(unknownKey());
        }
        return keys.lookup(digest).map(found -> found
                .map(key -> new KeyLookupResponse(key.accountId(), key.keyId(), key.mode(), key.status(),
                        new PlanView(key.plan().requestsPerMinute(), key.plan().burst(), key.plan().concurrentJobs())))
                .orElseThrow(InternalResource::unknownKey));
    }

    @POST
    @Path("/holds")
    @Operation(summary = "Reserve credits before paid work; idempotent on hold_id")
    public Uni<RestResponse<HoldResponse>> createHold(HoldRequest request) {
        NewHold hold = validate(request);
        return holds.create(hold).map(row -> {
            HoldResponse body = new HoldResponse(hold.holdId(), hold.accountId(), row.status(), row.amount(),
                    row.mode(), row.expiresAt(), row.available(), row.reserved());
            return row.outcome() == HoldOutcome.CREATED
                    ? RestResponse.status(RestResponse.Status.CREATED, body)
                    : RestResponse.ok(body);
        });
    }

    @GET
    @Path("/accounts/{accountId}/balance")
    @Operation(summary = "Available and reserved credits of an account")
    public Uni<BalanceResponse> balance(@RestPath String accountId) {
        UUID id = Requests.pathId(accountId, "account_not_found", "Account not found");
        return holds.balance(id).map(row -> new BalanceResponse(row.available(), row.reserved(), row.updatedAt()));
    }

    @GET
    @Path("/accounts/{accountId}/usage")
    @Operation(summary = "Usage history of an account, newest first")
    public Uni<Page<UsageEntry>> usage(@RestPath String accountId, @QueryParam("limit") Integer limit,
            @QueryParam("starting_after") String startingAfter) {
        UUID id = Requests.pathId(accountId, "account_not_found", "Account not found");
        int size = Requests.limit(limit);
        return holds.usage(id, startingAfter, size + 1).map(rows -> Page.of(rows.stream()
                .map(row -> new UsageEntry(row.id(), row.createdAt(), row.capability(), row.videoId(), row.credits(),
                        row.status(), row.mode(), row.requestId()))
                .toList(), size));
    }

    private static NewHold validate(HoldRequest request) {
        Requests.FieldErrors errors = new Requests.FieldErrors();
        if (request == null) {
            errors.add("hold_id", "The hold_id field is required.");
            errors.throwIfAny();
        }
        if (request.holdId() == null || !HOLD_ID.matcher(request.holdId()).matches()) {
            errors.add("hold_id", "The hold_id must be 1 to 100 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'.");
        }
        UUID accountId = Requests.uuidOrNull(request.accountId());
        if (accountId == null) {
            errors.add("account_id", "The account_id must be a UUID.");
        }
        if (request.amount() == null || request.amount() < 1 || request.amount() > MAX_HOLD) {
            errors.add("amount", "The amount must be an integer from 1 to " + MAX_HOLD + ".");
        }
        if (!Capability.isKnown(request.capability())) {
            errors.add("capability", "The capability must be one of: subtitle, summary, diarization.");
        }
        if (request.videoId() != null && request.videoId().length() > 64) {
            errors.add("video_id", "The video_id may have at most 64 characters.");
        }
        if (request.requestId() != null && request.requestId().length() > 128) {
            errors.add("request_id", "The request_id may have at most 128 characters.");
        }
        if (request.correlationId() != null && !CORRELATION_ID.matcher(request.correlationId()).matches()) {
            errors.add("correlation_id",
                    "The correlation_id must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'.");
        }
        String mode = request.mode() == null ? KeyMode.LIVE.wire() : request.mode();
        if (KeyMode.fromWire(mode).isEmpty()) {
            errors.add("mode", "The mode must be one of: live, test.");
        }
        errors.throwIfAny();
        return new NewHold(request.holdId(), accountId, request.amount(), request.capability(), request.videoId(),
                request.requestId(), request.correlationId(), mode);
    }

    private static ApiException unknownKey() {
        return ApiException.notFound("key_not_found", "Unknown API key");
    }
}

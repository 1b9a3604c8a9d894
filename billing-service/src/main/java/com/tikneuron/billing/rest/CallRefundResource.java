package com.tikneuron.billing.rest;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import com.tikneuron.billing.service.RefundService;
import com.tikneuron.platform.CallIds;

import io.smallrye.mutiny.Uni;

/**
 * Called by the gateway when it answered a call with a failure that may have come after credits moved (the service
 * died or timed out after its hold): the holds of that call of that account are voided or refunded. Idempotent.
 */
@Path("/internal/v1/accounts/{accountId}/calls/{callId}/refund")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class CallRefundResource {

    private static final Pattern REASON = Pattern.compile("[a-z_]{1,64}");
    private static final String DEFAULT_REASON = "failed_to_client";

    /** Body of a refund; the reason is optional. */
    public record RefundRequest(String reason) {
    }

    /** What this refund settled now. */
    public record RefundResponse(String callId, long voided, long refunded, long credits) {
    }

    private final RefundService refunds;

    public CallRefundResource(RefundService refunds) {
        this.refunds = refunds;
    }

    @POST
    @Operation(summary = "Void or refund the holds of one call of an account that its caller was told failed; idempotent")
    public Uni<RefundResponse> refund(@RestPath String accountId, @RestPath String callId, RefundRequest body) {
        String reason = body == null || body.reason() == null ? DEFAULT_REASON : body.reason();
        Requests.FieldErrors errors = new Requests.FieldErrors();
        UUID account = Requests.uuidOrNull(accountId);
        if (account == null) {
            errors.add("account_id", "The account_id must be a UUID.");
        }
        // Only the gateway's own call ids: a refund can never name a client-chosen request id, such as one that
        // keyed holds before call ids existed.
        if (!CallIds.isCallId(callId)) {
            errors.add("call_id", "The call_id must be call_ and 32 lowercase hex digits.");
        }
        if (!REASON.matcher(reason).matches()) {
            errors.add("reason", "The reason must be 1 to 64 characters of a-z or '_'.");
        }
        errors.throwIfAny();
        return refunds.refund(account, callId, reason)
                .map(done -> new RefundResponse(callId, done.voided(), done.refunded(), done.credits()));
    }
}

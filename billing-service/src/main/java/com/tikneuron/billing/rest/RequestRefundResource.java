package com.tikneuron.billing.rest;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.tikneuron.billing.repository.RefundRepository;
import com.tikneuron.billing.repository.RefundRepository.RefundRow;
import com.tikneuron.billing.service.ApiException;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Called by the gateway when it answered a request with a failure that may have come after credits moved (the
 * service died or timed out after its hold): every hold of that request is voided or refunded, so a request the
 * customer saw fail is never charged. Idempotent.
 */
@Path("/internal/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class RequestRefundResource {

    private static final Logger LOG = Logger.getLogger(RequestRefundResource.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern REASON = Pattern.compile("[a-z_]{1,64}");

    public record RefundRequest(String reason) {
    }

    public record RefundResponse(@JsonProperty("request_id") String requestId, long voided, long refunded,
            long credits) {
    }

    private final RefundRepository refunds;
    private final MeterRegistry registry;

    public RequestRefundResource(RefundRepository refunds, MeterRegistry registry) {
        this.refunds = refunds;
        this.registry = registry;
    }

    @POST
    @Path("/{requestId}/refund")
    @Operation(summary = "Void or refund every hold of a request that its caller was told failed; idempotent")
    public Uni<RefundResponse> refund(@RestPath String requestId, RefundRequest body) {
        if (!REQUEST_ID.matcher(requestId).matches()) {
            return Uni.createFrom().failure(new ApiException(422, "invalid_request", "request_id is not a request id."));
        }
        String reason = body == null || body.reason() == null ? "failed_to_client" : body.reason();
        if (!REASON.matcher(reason).matches()) {
            return Uni.createFrom().failure(new ApiException(422, "invalid_request", "reason must be a short snake_case word."));
        }
        return refunds.refund(requestId, reason).map(rows -> answer(requestId, reason, rows));
    }

    private RefundResponse answer(String requestId, String reason, List<RefundRow> rows) {
        long voided = 0;
        long refunded = 0;
        long credits = 0;
        for (RefundRow row : rows) {
            boolean live = "live".equals(row.mode());
            if ("voided".equals(row.outcome())) {
                voided++;
                credits += live ? row.amount() : 0;
                registry.counter("tikneuron.billing.requests.refunded", "capability", row.capability(), "outcome",
                        "voided").increment();
            } else if ("refunded".equals(row.outcome())) {
                refunded++;
                credits += live ? row.amount() : 0;
                registry.counter("tikneuron.billing.requests.refunded", "capability", row.capability(), "outcome",
                        "refunded").increment();
                LOG.infof("refunded captured hold %s of request %s (%s)", row.holdId(), requestId, reason);
            }
        }
        return new RefundResponse(requestId, voided, refunded, credits);
    }
}

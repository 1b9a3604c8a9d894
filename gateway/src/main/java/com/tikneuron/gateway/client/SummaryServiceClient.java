package com.tikneuron.gateway.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.tikneuron.gateway.metrics.GatewayMetrics;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * Forwards validated requests to summary-service. Never retried: the call may reserve credits, and a replay is
 * only safe through the caller's Idempotency-Key, which the service itself honours.
 */
@ApplicationScoped
public class SummaryServiceClient {

    private static final String SERVICE = "summary-service";

    private final SummaryApi api;
    private final GatewayMetrics metrics;

    SummaryServiceClient(@RestClient SummaryApi api, GatewayMetrics metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    @AsynchronousNonBlocking
    @Timeout(value = 90, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Bulkhead(value = 512, waitingTaskQueue = 512)
    public Uni<DownstreamReply> forward(CapabilityCall call) {
        return metrics.timeDownstream(SERVICE, api.forward(call.accountId(), call.keyMode(), call.requestId(),
                call.idempotencyKey(), call.body()).map(response -> DownstreamReply.of(SERVICE, response)));
    }
}

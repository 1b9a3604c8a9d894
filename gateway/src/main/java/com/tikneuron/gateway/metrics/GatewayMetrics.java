package com.tikneuron.gateway.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/** The gateway's own meters: requests per route and status, auth failures, rate limiting, downstream latency. */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    // Meters are looked up on every request: keep them instead of asking the registry each time.
    private final ConcurrentMap<String, Counter> requestCounters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> authFailureCounters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> downstreamTimers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> sampleCounters = new ConcurrentHashMap<>();
    private final Counter rateLimited;
    private final Counter lookupsShed;
    private final Counter guessingBlocked;
    private final Counter refundsRequested;
    private final Counter refundsFailed;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rateLimited = Counter.builder("tikneuron.gateway.rate.limited")
                .description("Requests refused with 429 because the key's budget was used up")
                .register(registry);
        this.lookupsShed = Counter.builder("tikneuron.gateway.key.lookups.shed")
                .description("Key lookups refused because billing's lookup budget was used up")
                .register(registry);
        this.guessingBlocked = Counter.builder("tikneuron.gateway.auth.guessing.blocked")
                .description("Requests refused with 429 because their address sent too many refused keys")
                .register(registry);
        this.refundsRequested = Counter.builder("tikneuron.gateway.refunds.requested")
                .description("Requests answered with a failure after they reached a service, reported to billing for refund")
                .register(registry);
        this.refundsFailed = Counter.builder("tikneuron.gateway.refunds.failed")
                .description("Refund reports billing could not take, even after retries")
                .register(registry);
    }

    public void request(String route, int status) {
        requestCounters.computeIfAbsent(route + ' ' + status, ignored -> Counter.builder("tikneuron.gateway.requests")
                .description("Requests answered, by public route and HTTP status")
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)).increment();
    }

    public void authFailure(String reason) {
        authFailureCounters.computeIfAbsent(reason, ignored -> Counter.builder("tikneuron.gateway.auth.failures")
                .description("Requests refused with 401, by reason (missing, unknown, revoked)")
                .tag("reason", reason)
                .register(registry)).increment();
    }

    public void sampleAnswered(String route) {
        sampleCounters.computeIfAbsent(route, ignored -> Counter.builder("tikneuron.gateway.sample.answers")
                .description("Test-key requests answered with sample content by the gateway, by capability")
                .tag("capability", route)
                .register(registry)).increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    public void guessingBlocked() {
        guessingBlocked.increment();
    }

    public void refundRequested() {
        refundsRequested.increment();
    }

    public void refundFailed() {
        refundsFailed.increment();
    }

    public void lookupShed() {
        lookupsShed.increment();
    }

    /** Times a downstream call from subscription to its end, whatever the outcome. */
    public <T> Uni<T> timeDownstream(String service, Uni<T> call) {
        Timer timer = downstreamTimers.computeIfAbsent(service, ignored -> Timer.builder("tikneuron.gateway.downstream")
                .description("Latency of calls to downstream services")
                .tag("service", service)
                .publishPercentileHistogram()
                .register(registry));
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return call.onTermination().invoke(() -> timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
    }
}

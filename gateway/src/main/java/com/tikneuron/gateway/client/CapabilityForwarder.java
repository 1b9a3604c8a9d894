package com.tikneuron.gateway.client;

import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import com.tikneuron.gateway.capability.Capability;
import com.tikneuron.gateway.config.GatewayConfig;
import com.tikneuron.gateway.metrics.GatewayMetrics;
import com.tikneuron.platform.ServiceCredentials;

import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Forwards validated requests to the capability services over pooled Vert.x connections, each service behind its
 * own guard (timeout, circuit breaker, bulkhead; SmallRye Fault Tolerance). Never retried: a call may reserve
 * credits, and a replay is only safe through the caller's Idempotency-Key, which the services honour themselves.
 * A 5xx answer counts as a failure for the circuit breaker and reaches the caller as the gateway's own 503.
 */
@ApplicationScoped
public class CapabilityForwarder {

    private static final String JSON = "application/json";
    private static final TypeLiteral<Uni<DownstreamReply>> REPLY = new TypeLiteral<>() {
    };

    /**
     * One service. Each event loop gets its own client, so a request and the connection it is forwarded on share a
     * thread: a shared pool hands out connections of other event loops, and every answer then crosses threads.
     */
    private record Target(String service, ThreadLocal<HttpClient> clients, RequestOptions options,
            TypedGuard<Uni<DownstreamReply>> guard) {
    }

    private final GatewayMetrics metrics;
    private final String credential = ServiceCredentials.fromConfig().current();
    private final Map<Capability, Target> targets = new EnumMap<>(Capability.class);
    private final Queue<HttpClient> opened = new ConcurrentLinkedQueue<>();

    CapabilityForwarder(Vertx vertx, GatewayConfig config, GatewayMetrics metrics) {
        this.metrics = metrics;
        GatewayConfig.Downstreams downstream = config.downstream();
        targets.put(Capability.SUBTITLE, target(vertx, Capability.SUBTITLE, downstream.subtitle()));
        targets.put(Capability.SUMMARY, target(vertx, Capability.SUMMARY, downstream.summary()));
        targets.put(Capability.DIARIZATION, target(vertx, Capability.DIARIZATION, downstream.diarization()));
    }

    /** The service's answer, or a failure (timeout, open circuit, full bulkhead, connection refused, 5xx). */
    public Uni<DownstreamReply> forward(Capability capability, CapabilityCall call) {
        Target target = targets.get(capability);
        return target.guard().get(() -> metrics.timeDownstream(target.service(), send(target, call)));
    }

    private Uni<DownstreamReply> send(Target target, CapabilityCall call) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean settled = new AtomicBoolean();
            Consumer<Throwable> fail = failure -> {
                if (settled.compareAndSet(false, true)) {
                    emitter.fail(failure);
                }
            };
            target.clients().get().request(target.options()).onComplete(opened -> {
                if (opened.failed()) {
                    fail.accept(opened.cause());
                    return;
                }
                HttpClientRequest request = opened.result();
                // A call given up on (timeout, caller gone) frees its connection instead of waiting for the answer.
                emitter.onTermination(() -> {
                    if (settled.compareAndSet(false, true)) {
                        request.reset();
                    }
                });
                request.putHeader(CapabilityHeaders.ACCOUNT_ID, call.accountId())
                        .putHeader(CapabilityHeaders.KEY_MODE, call.keyMode())
                        .putHeader(CapabilityHeaders.REQUEST_ID, call.requestId())
                        .putHeader(CapabilityHeaders.CALL_ID, call.callId())
                        .putHeader(ServiceCredentials.HEADER, credential)
                        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                        .putHeader(HttpHeaders.ACCEPT, JSON);
                if (call.idempotencyKey() != null) {
                    request.putHeader(CapabilityHeaders.IDEMPOTENCY_KEY, call.idempotencyKey());
                }
                request.send(Buffer.buffer(call.body())).onComplete(answered -> {
                    if (answered.failed()) {
                        fail.accept(answered.cause());
                        return;
                    }
                    HttpClientResponse response = answered.result();
                    response.body().onComplete(read -> {
                        if (read.failed()) {
                            fail.accept(read.cause());
                        } else if (response.statusCode() >= 500) {
                            fail.accept(new DownstreamFailureException(target.service(), response.statusCode()));
                        } else if (settled.compareAndSet(false, true)) {
                            emitter.complete(new DownstreamReply(response.statusCode(),
                                    response.getHeader(HttpHeaders.CONTENT_TYPE),
                                    response.getHeader(CapabilityHeaders.CREDITS_CHARGED),
                                    response.getHeader(CapabilityHeaders.CREDITS_REMAINING), read.result().getBytes()));
                        }
                    });
                });
            });
        });
    }

    private Target target(Vertx vertx, Capability capability, GatewayConfig.Downstream settings) {
        java.net.URI url = settings.url();
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String basePath = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        HttpClientOptions clientOptions = new HttpClientOptions()
                .setSsl(tls)
                .setKeepAlive(true)
                .setConnectTimeout((int) settings.connectTimeout().toMillis());
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(settings.poolSize());
        ThreadLocal<HttpClient> clients = ThreadLocal.withInitial(() -> {
            HttpClient client = vertx.createHttpClient(clientOptions, pool);
            opened.add(client);
            return client;
        });
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(url.getHost())
                .setPort(port)
                .setURI(basePath + "/api/v1/tiktok/" + capability.path());
        GatewayConfig.CircuitBreaker breaker = settings.circuitBreaker();
        TypedGuard<Uni<DownstreamReply>> guard = TypedGuard.create(REPLY)
                .withDescription(capability.service())
                .withTimeout().duration(settings.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker()
                .requestVolumeThreshold(breaker.requestVolumeThreshold())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .done()
                .withBulkhead().limit(settings.bulkhead()).queueSize(settings.bulkheadQueue()).done()
                .withThreadOffload(false)
                .build();
        return new Target(capability.service(), clients, options, guard);
    }

    @PreDestroy
    void close() {
        opened.forEach(HttpClient::close);
    }
}

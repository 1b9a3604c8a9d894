package com.tikneuron.gateway.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.gateway.config.GatewayConfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;

/**
 * The state every gateway replica shares, in Redis: rate-limit buckets, Idempotency-Key records and refused-key
 * counters. Each change is one Lua script, so it is atomic in Redis and costs one round trip.
 *
 * When Redis fails to answer within the timeout, the store is marked down at once: callers stop waiting for it
 * and fall back (per-replica buckets; 503 for Idempotency-Key requests), the gauge
 * {@code tikneuron_gateway_shared_state_up} drops to 0 and the alert fires. A probe pings Redis every
 * probe-interval and marks it up again when it answers.
 */
@ApplicationScoped
public class SharedState {

    private static final Logger LOG = Logger.getLogger(SharedState.class);

    private final Redis redis;
    private final Vertx vertx;
    private final String prefix;
    private final Duration timeout;
    private final boolean enabled;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicInteger upGauge = new AtomicInteger(1);
    private final Counter failures;
    private final long probeTimer;

    SharedState(GatewayConfig config, Vertx vertx, MeterRegistry registry) {
        GatewayConfig.SharedState settings = config.sharedState();
        this.vertx = vertx;
        this.enabled = settings.enabled();
        this.prefix = settings.keyPrefix();
        this.timeout = settings.timeout();
        this.redis = Redis.createClient(vertx, new RedisOptions()
                .setConnectionString(settings.url())
                .setMaxPoolSize(settings.poolSize())
                .setMaxPoolWaiting(settings.poolSize() * 32)
                .setMaxWaitingHandlers(settings.poolSize() * 64));
        registry.gauge("tikneuron.gateway.shared.state.up", upGauge);
        this.failures = Counter.builder("tikneuron.gateway.shared.state.failures")
                .description("Calls to the shared state (Redis) that failed or timed out; the replica fell back")
                .register(registry);
        if (!enabled) {
            markDown("disabled by configuration");
            this.probeTimer = -1;
        } else {
            this.probeTimer = vertx.setPeriodic(settings.probeInterval().toMillis(), ignored -> probe());
            // Opens a first connection now, so the first request does not pay for it.
            redis.send(Request.cmd(Command.PING)).subscribe().with(ignored -> {
            }, failure -> LOG.warnf("shared state (Redis) does not answer at start-up: %s", failure.toString()));
        }
    }

    /** Whether Redis answered lately: when false, callers use their fallback without waiting. */
    public boolean up() {
        return up.get();
    }

    /** The key name for a part of the shared state, under this deployment's prefix. */
    public String key(String kind, String id) {
        return prefix + kind + ":" + id;
    }

    /** Runs a script; a failure or a timeout marks the store down and fails the Uni. */
    Uni<Response> run(Script script, List<String> keys, List<String> args) {
        if (!up()) {
            return Uni.createFrom().failure(new SharedStateUnavailableException(null));
        }
        return send(script.call(Command.EVALSHA, script.sha, keys, args))
                .onFailure(SharedState::noScript).recoverWithUni(() -> send(script.call(Command.EVAL, script.text, keys, args)))
                .ifNoItem().after(timeout).fail()
                .onFailure().transform(failure -> {
                    failures.increment();
                    markDown(failure.toString());
                    return failure instanceof SharedStateUnavailableException ? failure
                            : new SharedStateUnavailableException(failure);
                });
    }

    /**
     * Runs a script even while the store is marked down, with no fallback and no effect on the mark: for clean-ups
     * (a claim that timed out may still have been applied) that must reach Redis whenever it answers.
     */
    Uni<Response> runAnyway(Script script, List<String> keys, List<String> args) {
        return send(script.call(Command.EVALSHA, script.sha, keys, args))
                .onFailure(SharedState::noScript).recoverWithUni(() -> send(script.call(Command.EVAL, script.text, keys, args)))
                .ifNoItem().after(timeout.multipliedBy(4)).fail();
    }

    private Uni<Response> send(Request request) {
        return redis.send(request);
    }

    private static boolean noScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private void probe() {
        if (up() || !enabled) {
            return;
        }
        redis.send(Request.cmd(Command.PING)).ifNoItem().after(timeout).fail()
                .subscribe().with(pong -> {
                    if (up.compareAndSet(false, true)) {
                        upGauge.set(1);
                        LOG.info("shared state (Redis) answers again: limits and Idempotency-Key records are shared again");
                    }
                }, failure -> LOG.debugf("shared state (Redis) still unreachable: %s", failure.toString()));
    }

    private void markDown(String why) {
        if (up.compareAndSet(true, false)) {
            upGauge.set(0);
            LOG.errorf("shared state (Redis) unreachable (%s): rate limits fall back to this replica's share, "
                    + "Idempotency-Key requests get 503 until it answers again", why);
        }
    }

    @PreDestroy
    void close() {
        if (probeTimer >= 0) {
            vertx.cancelTimer(probeTimer);
        }
        redis.close();
    }

    /** A Lua script, sent by its SHA-1 and, when Redis does not know it yet (a restart), in full. */
    static final class Script {

        private final String text;
        private final String sha;

        Script(String text) {
            this.text = text;
            try {
                this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is in every JDK", e);
            }
        }

        private Request call(Command command, String scriptOrSha, List<String> keys, List<String> args) {
            Request request = Request.cmd(command).arg(scriptOrSha).arg(keys.size());
            keys.forEach(request::arg);
            args.forEach(request::arg);
            return request;
        }
    }

    /** Redis could not be used: the caller falls back, or answers 503 where no fallback is safe. */
    public static final class SharedStateUnavailableException extends RuntimeException {

        SharedStateUnavailableException(Throwable cause) {
            super("shared state (Redis) unavailable", cause);
        }
    }
}

package com.tikneuron.gateway.state;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.tikneuron.gateway.config.GatewayConfig;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Token buckets shared by every gateway replica: a sustained rate per minute and a burst, refilled continuously,
 * kept in Redis and changed by one atomic script on Redis's own clock (replicas' clocks never matter). While Redis
 * cannot be reached, each replica keeps its own buckets at the rate and burst divided by the replica count
 * (tikneuron.gateway.shared-state.replicas), so the replicas together still allow about the limit.
 */
@ApplicationScoped
public class Buckets {

    /** What to do with a bucket. */
    public enum Op {
        /** Take one token if there is one. */
        TAKE,
        /** Only look: would a token be there? A bucket never used is full, and is not created. */
        PEEK,
        /** Give one token back, never above the burst; a bucket never used is left alone. */
        GIVE
    }

    /** A bucket's state after the operation: its size where it was applied, tokens left, waits in nanoseconds. */
    public record State(boolean allowed, long limit, long remaining, long nanosToNextToken, long nanosToFull) {
    }

    // Tokens are kept as a float: a refill adds a fraction of a token per microsecond.
    private static final SharedState.Script SCRIPT = new SharedState.Script("""
            local op = ARGV[1]
            local rate = tonumber(ARGV[2])
            local burst = tonumber(ARGV[3])
            local per_token = 60000000 / rate
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1])
            local at = tonumber(state[2])
            if tokens == nil then
              if op ~= 'take' then
                return {1, burst, 0, 0}
              end
              tokens = burst
              at = now
            end
            if now > at then
              tokens = math.min(burst, tokens + (now - at) / per_token)
              at = now
            end
            tokens = math.min(tokens, burst)
            local allowed = 1
            if op == 'take' then
              if tokens >= 1 then tokens = tokens - 1 else allowed = 0 end
            elseif op == 'give' then
              tokens = math.min(burst, tokens + 1)
            elseif tokens < 1 then
              allowed = 0
            end
            if op ~= 'peek' then
              redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
              redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * per_token / 1000) + 1000)
            end
            local to_next = 0
            if tokens < 1 then to_next = math.ceil((1 - tokens) * per_token) end
            return {allowed, math.floor(tokens), to_next, math.ceil((burst - tokens) * per_token)}
            """);

    private final SharedState shared;
    private final long replicas;
    private final Cache<String, Bucket> local;

    Buckets(SharedState shared, GatewayConfig config) {
        this.shared = shared;
        this.replicas = Math.max(1, config.sharedState().replicas());
        this.local = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(config.rateLimit().maxTrackedKeys())
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    /** Applies op to the named bucket, in Redis when it answers, else in this replica's share. */
    public Uni<State> apply(String kind, String name, long perMinute, long burst, Op op) {
        if (!shared.up()) {
            return Uni.createFrom().item(() -> locally(kind, name, perMinute, burst, op));
        }
        return shared.run(SCRIPT, List.of(shared.key(kind, name)),
                List.of(op.name().toLowerCase(java.util.Locale.ROOT), Long.toString(perMinute), Long.toString(burst)))
                .map(reply -> state(reply, burst))
                .onFailure().recoverWithItem(() -> locally(kind, name, perMinute, burst, op));
    }

    private static State state(Response reply, long burst) {
        return new State(reply.get(0).toLong() == 1, burst, reply.get(1).toLong(), reply.get(2).toLong() * 1000,
                reply.get(3).toLong() * 1000);
    }

    private State locally(String kind, String name, long perMinute, long burst, Op op) {
        long rate = Math.max(1, perMinute / replicas);
        long capacity = Math.max(1, burst / replicas);
        String id = kind + ":" + name + ":" + rate + ":" + capacity;
        if (op != Op.TAKE) {
            Bucket bucket = local.getIfPresent(id);
            if (bucket == null) {
                return new State(true, capacity, capacity, 0, 0);
            }
            if (op == Op.GIVE) {
                bucket.addTokens(1);
            }
            EstimationProbe probe = bucket.estimateAbilityToConsume(1);
            return new State(probe.canBeConsumed(), capacity, probe.getRemainingTokens(), probe.getNanosToWaitForRefill(), 0);
        }
        Bucket bucket = local.get(id, ignored -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(rate, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new State(probe.isConsumed(), capacity, probe.getRemainingTokens(), probe.getNanosToWaitForRefill(),
                probe.getNanosToWaitForReset());
    }
}

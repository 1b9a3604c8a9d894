package com.tikneuron.gateway.state;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.gateway.config.GatewayConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Idempotency-Key records in Redis, one per (account scope, key), shared by every gateway replica. A record is
 * claimed with set-if-absent while its request runs (it lapses after running-ttl should its replica die), replaced
 * by the stored answer when the request completes (kept for ttl), or released when it failed. Each account's
 * stored answers are bounded in bytes: past the bound the account's own oldest records go, never another
 * account's. The bound for all accounts together is Redis's maxmemory (docs/DEPLOY.md).
 */
@ApplicationScoped
public class IdempotencyStore {

    // Claims the record unless one is there; returns the one there, or nil when this call claimed it.
    private static final SharedState.Script CLAIM = new SharedState.Script("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return false
            end
            return redis.call('GET', KEYS[1])
            """);

    // Replaces this attempt's running record by its answer and accounts its bytes to the account, dropping the
    // account's oldest answers past its bound. KEYS: record, account's records by write time, their weights.
    private static final SharedState.Script COMPLETE = new SharedState.Script("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            local ttl = tonumber(ARGV[3])
            local weight = tonumber(ARGV[4])
            local max = tonumber(ARGV[5])
            if weight > max then
              redis.call('DEL', KEYS[1])
              return 0
            end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local lapsed = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - ttl)
            for _, member in ipairs(lapsed) do
              local w = tonumber(redis.call('HGET', KEYS[3], member) or '0')
              redis.call('HINCRBY', KEYS[3], '#total', -w)
              redis.call('HDEL', KEYS[3], member)
              redis.call('ZREM', KEYS[2], member)
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
            redis.call('ZADD', KEYS[2], now, KEYS[1])
            redis.call('HSET', KEYS[3], KEYS[1], weight)
            local total = redis.call('HINCRBY', KEYS[3], '#total', weight)
            while total > max do
              local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
              local w = tonumber(redis.call('HGET', KEYS[3], oldest) or '0')
              total = redis.call('HINCRBY', KEYS[3], '#total', -w)
              redis.call('HDEL', KEYS[3], oldest)
              redis.call('ZREM', KEYS[2], oldest)
              redis.call('DEL', oldest)
            end
            redis.call('PEXPIRE', KEYS[2], ttl)
            redis.call('PEXPIRE', KEYS[3], ttl)
            return 1
            """);

    // Removes the record only if it is still this attempt's.
    private static final SharedState.Script RELEASE = new SharedState.Script("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);

    private final SharedState shared;
    private final long ttlMillis;
    private final long runningTtlMillis;
    private final long maxBytesPerAccount;

    IdempotencyStore(SharedState shared, GatewayConfig config) {
        this.shared = shared;
        this.ttlMillis = config.idempotency().ttl().toMillis();
        this.runningTtlMillis = config.sharedState().runningTtl().toMillis();
        this.maxBytesPerAccount = config.idempotency().maxStoredBytesPerAccount();
    }

    /**
     * Claims the record for a request in flight: null when claimed, else the value already there. A claim that
     * failed may still have been applied (Redis answered too late): its record is released whenever Redis answers
     * again, so retries are not refused as in flight until it lapses.
     */
    public Uni<String> claim(String scope, String record, String running) {
        List<String> keys = List.of(recordKey(scope, record));
        return shared.run(CLAIM, keys, List.of(running, Long.toString(runningTtlMillis)))
                .map(reply -> reply == null ? null : reply.toString())
                .onFailure().invoke(() -> shared.runAnyway(RELEASE, keys, List.of(running)).subscribe().with(ignored -> {
                }, ignored -> {
                }));
    }

    /** Replaces the running record by the answer; false when it is gone or the answer alone exceeds the bound. */
    public Uni<Boolean> complete(String scope, String record, String running, String done, long weight) {
        return shared.run(COMPLETE, List.of(recordKey(scope, record), accountKey(scope, "z"), accountKey(scope, "w")),
                List.of(running, done, Long.toString(ttlMillis), Long.toString(weight), Long.toString(maxBytesPerAccount)))
                .map(reply -> reply != null && reply.toLong() == 1);
    }

    /** Removes the running record of a request that failed, so a retry runs again. */
    public Uni<Response> release(String scope, String record, String running) {
        return shared.run(RELEASE, List.of(recordKey(scope, record)), List.of(running));
    }

    // The scope in braces keeps an account's keys in one hash slot, should the store ever be a Redis Cluster.
    private String recordKey(String scope, String record) {
        return shared.key("idem", "{" + scope + "}:" + record);
    }

    private String accountKey(String scope, String part) {
        return shared.key("idem", "{" + scope + "}#" + part);
    }
}

package com.tikneuron.paid;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import com.tikneuron.paid.billing.Hold;

import io.smallrye.mutiny.Uni;

/** A capability for the protocol's tests: its cache is a map, its work whatever the test says, its price 3 credits. */
final class TestWork extends PaidWork<String> {

    static final int PRICE = 3;

    private final String videoId;
    private final Map<String, String> cache;
    private final Function<Integer, Uni<String>> work;
    private final AtomicInteger attempts;
    private Supplier<Uni<Integer>> quote;

    /** {@code work} is given the attempt number (1 for the first request that works on this key, and so on). */
    TestWork(String videoId, Map<String, String> cache, AtomicInteger attempts, Function<Integer, Uni<String>> work) {
        super("testcap", videoId, "testcap|" + videoId, PRICE);
        this.videoId = videoId;
        this.cache = cache;
        this.attempts = attempts;
        this.work = work;
    }

    /** The same work with a quote of its own instead of the fixed price. */
    TestWork quotedBy(Supplier<Uni<Integer>> quote) {
        this.quote = quote;
        return this;
    }

    static Map<String, String> emptyCache() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public Uni<String> lookup() {
        return Uni.createFrom().item(cache.get(videoId));
    }

    @Override
    public Uni<Integer> quote() {
        return quote == null ? super.quote() : quote.get();
    }

    @Override
    public Uni<String> work(Hold hold) {
        return work.apply(attempts.incrementAndGet());
    }

    @Override
    public Uni<Void> store(String value) {
        cache.put(videoId, value);
        return Uni.createFrom().voidItem();
    }
}

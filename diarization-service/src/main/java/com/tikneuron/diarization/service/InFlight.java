package com.tikneuron.diarization.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Work running on this replica, by key (a video): a later request for the same key waits for the running work
 * instead of doing it again. Requests that waited are counted ({@code tikneuron.diarization.requests.joined}, tagged
 * with the kind of work), so operators see how much work was shared.
 */
final class InFlight<T> {

    private final ConcurrentMap<String, CompletableFuture<T>> running = new ConcurrentHashMap<>();
    private final Counter joined;

    InFlight(String work, MeterRegistry meters) {
        this.joined = Counter.builder("tikneuron.diarization.requests.joined")
                .description("Requests answered by identical work already running on this replica")
                .tag("work", work)
                .register(meters);
    }

    /**
     * Runs the work for this key, or, when the same key is running, waits for that run. The answer is made from the
     * result and whether it came from the other run.
     */
    <R> Uni<R> run(String key, Supplier<Uni<T>> work, BiFunction<T, Boolean, R> answer) {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> other = running.putIfAbsent(key, mine);
        if (other != null) {
            joined.increment();
            return Uni.createFrom().completionStage(other).map(result -> answer.apply(result, true));
        }
        return work.get()
                .invoke(mine::complete)
                .onFailure().invoke(mine::completeExceptionally)
                .onCancellation().invoke(() -> mine.cancel(false))
                .onTermination().invoke(() -> running.remove(key, mine))
                .map(result -> answer.apply(result, false));
    }

    /**
     * For work that must not wait (a blocking job that may itself be what the running work waits behind): shares
     * {@code mine} with later requests when no other run holds the key; release it with {@link #release}.
     */
    boolean lead(String key, CompletableFuture<T> mine) {
        return running.putIfAbsent(key, mine) == null;
    }

    void release(String key, CompletableFuture<T> mine) {
        running.remove(key, mine);
    }
}

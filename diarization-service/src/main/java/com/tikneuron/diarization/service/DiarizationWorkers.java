package com.tikneuron.diarization.service;

import com.tikneuron.paid.ServiceUnavailableException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.diarization.config.DiarizationConfig;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The bounded pool the CPU-heavy work (download, ffmpeg, recognition, speaker stage) runs on, off the event
 * loop. A fixed number of workers and a fixed queue: a job that finds both full is refused at once rather than
 * piling up audio in memory.
 */
@ApplicationScoped
public class DiarizationWorkers {

    private final ThreadPoolExecutor executor;

    public DiarizationWorkers(DiarizationConfig config, MeterRegistry meters) {
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(config.workers(), config.workers(), 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(Math.max(1, config.queue())), job -> {
                    Thread thread = new Thread(job, "diarization-worker-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        Gauge.builder("tikneuron.diarization.queue", executor, pool -> pool.getQueue().size()).register(meters);
        Gauge.builder("tikneuron.diarization.active", executor, ThreadPoolExecutor::getActiveCount).register(meters);
    }

    /** Runs the job on a worker; fails with {@link ServiceUnavailableException} when the queue is full. */
    public <T> Uni<T> submit(Supplier<T> job, Integer creditsRemaining) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<T> result;
            try {
                result = CompletableFuture.supplyAsync(job, executor);
            } catch (RejectedExecutionException full) {
                return Uni.createFrom().failure(new ServiceUnavailableException(
                        "The diarization service is busy, please retry later", creditsRemaining));
            }
            return Uni.createFrom().completionStage(result)
                    .onFailure(CompletionException.class).transform(Throwable::getCause);
        });
    }

    /** Stops taking jobs and gives running ones a bounded time to leave native code before the process ends. */
    @PreDestroy
    void stop() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

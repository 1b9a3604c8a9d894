package com.tikneuron.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.tikneuron.faults.FaultStack.Customer;

/**
 * Steady traffic through the gateway from several client threads of several customers: uncached subtitles of
 * generated videos, cached subtitles, a few summaries and diarizations. Every request is recorded as the client saw
 * it: status (or the transport failure), {@code X-Request-Id}, {@code X-Credits-Charged}, {@code cached}.
 */
final class Traffic implements AutoCloseable {

    /** The seed video with captions and a two-speaker sound track. */
    static final String SEED_VIDEO = "7354861484037524768";
    /** Videos whose subtitles the warm-up caches, so calls on them are cached hits. */
    static final List<String> CACHED_VIDEOS = List.of(SEED_VIDEO, "7396888120245563187", "7406432493050499115");

    enum Op {
        SUBTITLE_UNCACHED("subtitle", "/api/v1/tiktok/subtitle", 1),
        SUBTITLE_CACHED("subtitle", "/api/v1/tiktok/subtitle", 1),
        SUMMARY("summary", "/api/v1/tiktok/summarize", 2),
        DIARIZATION("diarization", "/api/v1/tiktok/diarization", 10);

        final String capability;
        final String path;
        final long price;

        Op(String capability, String path, long price) {
            this.capability = capability;
            this.path = path;
            this.price = price;
        }
    }

    enum Phase { BEFORE, DURING, AFTER }

    /** One request as the client saw it; {@code status} is -1 for a transport failure (then {@code error} says which). */
    record Call(String scenario, Op op, String requestId, Customer customer, String videoId, Phase phase,
                int status, Long charged, Boolean cached, String errorCode, String error, long startedMs, long tookMs) {

        boolean success() {
            return status >= 200 && status < 300;
        }

        boolean transportFailure() {
            return status < 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong VIDEO_COUNTER = new AtomicLong();
    // Generated ids unique across runs: 7399, then the run's second of the day and a counter.
    private static final String RUN_PREFIX = String.format("%06d", (System.currentTimeMillis() / 1000) % 1_000_000);

    private final String scenario;
    private final List<Customer> customers;
    private final int threadsPerCustomer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final long started = System.currentTimeMillis();
    private volatile Phase phase = Phase.BEFORE;
    private volatile boolean running;

    Traffic(String scenario, List<Customer> customers, int threadsPerCustomer) {
        this.scenario = scenario;
        this.customers = customers;
        this.threadsPerCustomer = threadsPerCustomer;
    }

    static String newVideoId() {
        return "7399" + RUN_PREFIX + String.format("%09d", VIDEO_COUNTER.incrementAndGet());
    }

    void start() {
        running = true;
        int n = 0;
        for (Customer customer : customers) {
            for (int t = 0; t < threadsPerCustomer; t++) {
                int thread = n++;
                threads.add(Thread.ofPlatform().name("traffic-" + scenario + "-" + thread).start(() -> loop(customer, thread)));
            }
        }
    }

    void phase(Phase next) {
        phase = next;
    }

    /** Stops sending and waits for the requests in flight to end. */
    List<Call> stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(Duration.ofMinutes(6));
        }
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        running = false;
        http.close();
    }

    private void loop(Customer customer, int thread) {
        long n = 0;
        while (running) {
            double r = ThreadLocalRandom.current().nextDouble();
            Call call;
            if (r < 0.55) {
                call = send(customer, Op.SUBTITLE_UNCACHED, newVideoId(), "{\"format\":\"srt\"", thread, n++);
            } else if (r < 0.82) {
                String video = CACHED_VIDEOS.get(ThreadLocalRandom.current().nextInt(CACHED_VIDEOS.size()));
                call = send(customer, Op.SUBTITLE_CACHED, video, "{\"format\":\"txt\"", thread, n++);
            } else if (r < 0.97) {
                call = send(customer, Op.SUMMARY, newVideoId(), "{\"summary_type\":\"bulletpoint\"", thread, n++);
            } else {
                // Diarization is slow: a few, on the seed conversation (cached once done) or a generated, silent video.
                String video = ThreadLocalRandom.current().nextBoolean() ? SEED_VIDEO : newVideoId();
                call = send(customer, Op.DIARIZATION, video, "{\"format\":\"txt\"", thread, n++);
            }
            calls.add(call);
            pause(call.transportFailure() || call.status() >= 500 ? 250 : 40);
        }
    }

    /** One request; the body is {@code head} (the JSON object opened with its other fields) plus the url. */
    Call send(Customer customer, Op op, String videoId, String head, int thread, long n) {
        String requestId = "flt-" + scenario + "-" + RUN_PREFIX + "-" + thread + "-" + n;
        String body = head + ",\"url\":\"https://www.tiktok.com/@loadtest/video/" + videoId + "\"}";
        Phase at = phase;
        long t0 = System.currentTimeMillis();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(FaultStack.GATEWAY + op.path))
                    .timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/json").header("API-KEY", customer.key())
                    .header("X-Request-Id", requestId)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Long charged = response.headers().firstValue("X-Credits-Charged").map(Long::parseLong).orElse(null);
            Boolean cached = null;
            String errorCode = null;
            try {
                JsonNode json = JSON.readTree(response.body());
                cached = json.has("cached") ? json.get("cached").asBoolean() : null;
                errorCode = json.has("error_code") ? json.get("error_code").asText() : json.has("error") ? json.get("error").asText() : null;
            } catch (IOException notJson) {
                errorCode = "not-json: " + abbreviate(response.body());
            }
            String echoed = response.headers().firstValue("X-Request-Id").orElse(null);
            String error = requestId.equals(echoed) ? null : "X-Request-Id echoed as " + echoed;
            return new Call(scenario, op, requestId, customer, videoId, at, response.statusCode(), charged, cached,
                    errorCode, error, t0 - started, System.currentTimeMillis() - t0);
        } catch (HttpTimeoutException e) {
            return new Call(scenario, op, requestId, customer, videoId, at, -1, null, null, null,
                    "timeout", t0 - started, System.currentTimeMillis() - t0);
        } catch (IOException e) {
            return new Call(scenario, op, requestId, customer, videoId, at, -1, null, null, null,
                    e.getClass().getSimpleName() + ": " + e.getMessage(), t0 - started, System.currentTimeMillis() - t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(scenario, op, requestId, customer, videoId, at, -1, null, null, null,
                    "interrupted", t0 - started, System.currentTimeMillis() - t0);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

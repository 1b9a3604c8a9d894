package com.tikneuron.jobs.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays subtitle-service's route and billing's refund route on loopback, with subtitle-service's protocol
 * (contracts/capability-api.md): a new video costs 1 credit, a video seen before is cached and free, a video without
 * captions is 404 {@code no_subtitle_available} and free. It keeps the credits it took per account, which is what
 * billing would hold, so tests compare them with what the jobs report.
 */
public final class FakeCapabilities {

    /** Video ids ending so have no captions, as the stand-in's caption-less fixtures. */
    public static final String CAPTIONLESS_SUFFIX = "99";

    /** A call as received; header names lowercased. */
    public record Call(String path, Map<String, String> headers, String body) {
    }

    private static final Pattern VIDEO = Pattern.compile("/video/(\\d+)");

    private static volatile FakeCapabilities instance;

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> cached = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();
    private final List<String> refunds = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long delayMillis;
    private volatile int failuresLeft;

    private FakeCapabilities() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/tiktok/", this::capability);
        server.createContext("/internal/v1/accounts/", this::refund);
        server.start();
    }

    public static synchronized FakeCapabilities start() throws IOException {
        if (instance == null) {
            instance = new FakeCapabilities();
        }
        return instance;
    }

    public static FakeCapabilities get() {
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void reset() {
        calls.clear();
        delayMillis = 0;
        failuresLeft = 0;
    }

    public void delay(long millis) {
        delayMillis = millis;
    }

    /** The next {@code count} calls answer 503 (after taking nothing). */
    public void failNext(int count) {
        failuresLeft = count;
    }

    public List<Call> calls() {
        return calls;
    }

    public int creditsTaken(String account) {
        return taken.getOrDefault(account, new AtomicInteger()).get();
    }

    public List<String> refunds() {
        return refunds;
    }

    public int inFlight() {
        return inFlight.get();
    }

    private void capability(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            calls.add(new Call(exchange.getRequestURI().getPath(), headers, body));
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (!"test-profile-service-credential-not-a-secret".equals(headers.get("x-service-credential"))) {
                reply(exchange, 401, "0", "{\"error_code\":\"unauthorized\",\"message\":\"This internal route needs the service credential.\"}");
                return;
            }
            synchronized (this) {
                if (failuresLeft > 0) {
                    failuresLeft--;
                    reply(exchange, 503, "0", "{\"error_code\":\"service_unavailable\",\"message\":\"down\"}");
                    return;
                }
            }
            Matcher video = VIDEO.matcher(body);
            String videoId = video.find() ? video.group(1) : "0";
            String requestId = headers.get("x-request-id");
            if (videoId.endsWith(CAPTIONLESS_SUFFIX)) {
                reply(exchange, 404, "0", "{\"error_code\":\"no_subtitle_available\",\"message\":\"No subtitle available "
                        + "for this video\",\"request_id\":\"" + requestId + "\"}");
                return;
            }
            boolean hit = !cached.add(videoId);
            if (!hit) {
                taken.computeIfAbsent(headers.get("x-account-id"), ignored -> new AtomicInteger()).incrementAndGet();
            }
            reply(exchange, 200, hit ? "0" : "1", "{\"video_id\":\"" + videoId + "\",\"subtitle_content\":\"Hello "
                    + "everyone, welcome to my video\",\"format\":\"raw\",\"cached\":" + hit
                    + ",\"available_formats\":[\"raw\",\"srt\",\"vtt\",\"txt\"]}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    private void refund(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        refunds.add(exchange.getRequestURI().getPath());
        reply(exchange, 200, null, "{\"call_id\":\"x\",\"voided\":0,\"refunded\":0,\"credits\":0}");
        exchange.close();
    }

    private static void reply(HttpExchange exchange, int status, String credits, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (credits != null) {
            exchange.getResponseHeaders().set("X-Credits-Charged", credits);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

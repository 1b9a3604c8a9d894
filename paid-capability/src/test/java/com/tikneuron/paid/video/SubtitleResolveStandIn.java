package com.tikneuron.paid.video;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.tikneuron.testsupport.StandInServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * subtitle-service's POST /internal/v1/videos/resolve as it answers: a video id for a video URL, its error body for
 * an invalid URL or a removed video; the URL's words choose the answer, and every call is counted by URL.
 */
public class SubtitleResolveStandIn extends StandInServer implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static SubtitleResolveStandIn server;

    @Override
    public Map<String, String> start() {
        server = new SubtitleResolveStandIn();
        return Map.of("quarkus.rest-client.subtitle.url", server.baseUrl());
    }

    @Override
    public void stop() {
        server.stop();
    }

    static int calls(String url) {
        AtomicInteger count = CALLS.get(url);
        return count == null ? 0 : count.get();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        if (!"/internal/v1/videos/resolve".equals(exchange.getRequestURI().getPath())) {
            send(exchange, 404, "");
            return;
        }
        String url = JSON.readTree(body(exchange)).path("url").asText();
        CALLS.computeIfAbsent(url, key -> new AtomicInteger()).incrementAndGet();
        if (url.contains("outage")) {
            send(exchange, 503, "{\"error_code\":\"service_unavailable\",\"message\":\"TikTok did not answer\"}");
        } else if (url.contains("not-tiktok")) {
            send(exchange, 422, "{\"error_code\":\"invalid_url\",\"message\":\"Not a TikTok video URL\"}");
        } else if (url.contains("removed")) {
            send(exchange, 404, "{\"error_code\":\"video_unavailable\",\"message\":\"This video has been removed\"}");
        } else if (url.contains("proxy")) {
            send(exchange, 404, "");
        } else {
            send(exchange, 200, json(Map.of("video_id", url.replaceAll("\\D", ""), "canonical_url", url)));
        }
    }
}

package com.tikneuron.diarization.standin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.tikneuron.testsupport.StandInServer;

/**
 * Plays subtitle-service's internal video API: POST /internal/v1/videos/resolve and
 * GET /internal/v1/videos/{id}/media, with the media of each video id set by the test.
 */
public class SubtitleStandIn extends StandInServer {

    private static final Pattern VIDEO_URL = Pattern.compile("^https://www\\.tiktok\\.com/@[\\w.]+/video/(\\d{15,20})$");
    private static final Pattern MEDIA = Pattern.compile("^/internal/v1/videos/(\\d{15,20})/media$");

    private final Map<String, Path> media = new ConcurrentHashMap<>();
    private final Map<String, Integer> mediaStatus = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mediaRequests = new ConcurrentHashMap<>();
    private final Map<String, String> mediaQueries = new ConcurrentHashMap<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile boolean down;

    public void media(String videoId, Path file) {
        media.put(videoId, file);
        mediaStatus.remove(videoId);
    }

    /** Answers the video's media request with this status and an error body instead. */
    public void mediaStatus(String videoId, int status) {
        mediaStatus.put(videoId, status);
    }

    /** The query string of the video's last media request ("" without one). */
    public String lastMediaQuery(String videoId) {
        return mediaQueries.get(videoId);
    }

    public int mediaRequests(String videoId) {
        return mediaRequests.getOrDefault(videoId, new AtomicInteger()).get();
    }

    /** Media requests wait until {@link #open()}: keeps diarization workers busy for as long as a test needs. */
    public void close() {
        gate = new CountDownLatch(1);
    }

    public void open() {
        gate.countDown();
    }

    public void down(boolean down) {
        this.down = down;
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        if (down) {
            send(exchange, 503, "{\"error_code\":\"service_unavailable\",\"message\":\"down\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod()) && path.equals("/internal/v1/videos/resolve")) {
            JsonNode request = JSON.readTree(body(exchange));
            Matcher url = VIDEO_URL.matcher(request.path("url").asText());
            if (!url.matches()) {
                send(exchange, 422, "{\"error_code\":\"invalid_url\",\"message\":\"Please provide a valid TikTok URL.\"}");
            } else if (url.group(1).startsWith("404")) {
                send(exchange, 404, "{\"error_code\":\"video_unavailable\",\"message\":\"This video is unavailable\"}");
            } else {
                send(exchange, 200, "{\"video_id\":\"" + url.group(1) + "\",\"canonical_url\":\"" + url.group() + "\"}");
            }
            return;
        }
        Matcher mediaPath = MEDIA.matcher(path);
        if ("GET".equals(exchange.getRequestMethod()) && mediaPath.matches()) {
            serveMedia(exchange, mediaPath.group(1));
            return;
        }
        send(exchange, 404, "{\"error_code\":\"not_found\",\"message\":\"no such route\"}");
    }

    private void serveMedia(HttpExchange exchange, String videoId) throws IOException {
        mediaRequests.computeIfAbsent(videoId, unused -> new AtomicInteger()).incrementAndGet();
        String query = exchange.getRequestURI().getRawQuery();
        mediaQueries.put(videoId, query == null ? "" : query);
        try {
            if (!gate.await(60, TimeUnit.SECONDS)) {
                send(exchange, 504, "{\"error_code\":\"timeout\",\"message\":\"gate never opened\"}");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Integer status = mediaStatus.get(videoId);
        if (status != null) {
            String code = status == 413 ? "media_too_large" : status == 404 ? "video_unavailable" : "failure";
            send(exchange, status, "{\"error_code\":\"" + code + "\",\"message\":\"media refused\"}");
            return;
        }
        Path file = media.get(videoId);
        if (file == null) {
            send(exchange, 404, "{\"error_code\":\"video_unavailable\",\"message\":\"This video is unavailable\"}");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", file.toString().endsWith(".mp3") ? "audio/mpeg" : "video/mp4");
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
        }
    }
}

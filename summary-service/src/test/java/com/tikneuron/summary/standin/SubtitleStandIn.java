package com.tikneuron.summary.standin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.tikneuron.testsupport.StandInServer;

/** Plays subtitle-service's internal API (resolve, metadata, transcript) with videos the tests register. */
public class SubtitleStandIn extends StandInServer {

    /** A registered video: its spoken track, optional tracks in other languages, or a reason it has no captions. */
    public record Video(String id, String trackLanguage, String text, Map<String, String> otherTracks, boolean noSubtitle) {
    }

    private static final Pattern VIDEO_URL = Pattern.compile("^https://(?:www\\.|m\\.)?tiktok\\.com/@[^/]*/video/(\\d{19})");
    private static final Pattern TRANSCRIPT = Pattern.compile("^/internal/v1/videos/(\\d{19})/transcript$");
    private static final Pattern METADATA = Pattern.compile("^/internal/v1/videos/(\\d{19})$");

    private final Map<String, Video> videos = new ConcurrentHashMap<>();
    private final Map<String, List<String>> photoPosts = new ConcurrentHashMap<>();
    private final AtomicInteger transcriptCalls = new AtomicInteger();
    private volatile boolean down;

    public void add(Video video) {
        videos.put(video.id(), video);
    }

    /** Makes a registered video a photo post with these slide URLs (its metadata: photo_post, images, 9 s of music). */
    public void photoPost(String videoId, List<String> images) {
        photoPosts.put(videoId, images);
    }

    public void down(boolean down) {
        this.down = down;
    }

    public int transcriptCalls() {
        return transcriptCalls.get();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        if (down) {
            send(exchange, 503, "{\"error_code\":\"service_unavailable\",\"message\":\"down for maintenance\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod()) && path.equals("/internal/v1/videos/resolve")) {
            JsonNode request = JSON.readTree(body(exchange));
            Matcher url = VIDEO_URL.matcher(request.path("url").asText(""));
            if (!url.find()) {
                send(exchange, 422, "{\"error_code\":\"invalid_url\",\"message\":\"Please provide a valid TikTok URL.\"}");
                return;
            }
            send(exchange, 200, json(Map.of("video_id", url.group(1),
                    "canonical_url", "https://www.tiktok.com/@_/video/" + url.group(1))));
            return;
        }
        Matcher transcript = TRANSCRIPT.matcher(path);
        if (transcript.matches()) {
            transcriptCalls.incrementAndGet();
            transcript(exchange, videos.get(transcript.group(1)), language(exchange.getRequestURI().getRawQuery()));
            return;
        }
        Matcher metadata = METADATA.matcher(path);
        if (metadata.matches()) {
            Video video = videos.get(metadata.group(1));
            if (video == null) {
                send(exchange, 404, "{\"error_code\":\"video_unavailable\",\"message\":\"This video is private\"}");
                return;
            }
            Map<String, Object> body = metadata(video);
            List<String> slides = photoPosts.get(video.id());
            if (slides != null) {
                body.put("photo_post", true);
                body.put("images", slides);
                body.put("duration_seconds", 9);
                body.put("description", "3 steps to better sleep tonight #sleep #wellness #tips");
                body.put("hashtags", List.of("sleep", "wellness", "tips"));
                body.put("music", Map.of("title", "Calm Piano Loop", "author", "Quiet Keys"));
            } else {
                body.put("images", List.of());
            }
            send(exchange, 200, json(body));
            return;
        }
        send(exchange, 404, "{\"error_code\":\"not_found\",\"message\":\"no such route\"}");
    }

    private static void transcript(HttpExchange exchange, Video video, String language) throws IOException {
        if (video == null) {
            send(exchange, 404, "{\"error_code\":\"video_unavailable\",\"message\":\"This video is private\"}");
            return;
        }
        if (video.noSubtitle()) {
            send(exchange, 404, "{\"error_code\":\"no_subtitle_available\",\"message\":\"No subtitle available for this video\"}");
            return;
        }
        String track = video.trackLanguage();
        String text = video.text();
        if (language != null && !track.startsWith(language3(language))) {
            String other = video.otherTracks().get(language);
            if (other == null) {
                send(exchange, 404, "{\"error_code\":\"no_subtitle_available\",\"message\":\"No subtitle available for this video\"}");
                return;
            }
            track = language3(language) + "-XX";
            text = other;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("video_id", video.id());
        body.put("language", track);
        body.put("source", "ASR");
        body.put("text", text);
        body.put("cues", cues(text));
        send(exchange, 200, json(body));
    }

    private static List<Map<String, Object>> cues(String text) {
        List<Map<String, Object>> cues = new ArrayList<>();
        String[] words = text.split("\\s+");
        double start = 0;
        for (int i = 0; i < words.length; i += 8) {
            String line = String.join(" ", Arrays.copyOfRange(words, i, Math.min(words.length, i + 8)));
            cues.add(Map.of("start", start, "end", start + 2.5, "text", line));
            start += 2.5;
        }
        return cues;
    }

    private static Map<String, Object> metadata(Video video) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("video_id", video.id());
        body.put("canonical_url", "https://www.tiktok.com/@_/video/" + video.id());
        body.put("author", Map.of("unique_id", "chef.marta", "nickname", "Marta Cooks"));
        body.put("description", "Sourdough in three days #baking");
        body.put("hashtags", List.of("baking", "sourdough"));
        body.put("music", Map.of("title", "original sound", "author", "Marta Cooks"));
        body.put("stats", Map.of("plays", 1520000, "likes", 230000, "comments", 1800, "shares", 9100, "saves", 44000));
        body.put("duration_seconds", 58);
        body.put("created_at", "2024-04-05T10:15:30Z");
        body.put("photo_post", false);
        body.put("captions", List.of(Map.of("language", video.trackLanguage(), "source", "ASR", "format", "webvtt")));
        return body;
    }

    private static String language(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("language=")) {
                return pair.substring("language=".length());
            }
        }
        return null;
    }

    private static String language3(String code) {
        return switch (code) {
            case "en" -> "eng";
            case "es" -> "spa";
            case "de" -> "deu";
            case "fr" -> "fra";
            case "it" -> "ita";
            case "da" -> "dan";
            case "ar" -> "ara";
            case "id" -> "ind";
            default -> code;
        };
    }
}

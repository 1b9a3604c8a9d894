package com.tikneuron.summary.standin;

import java.io.IOException;
import java.util.ArrayList;
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

/**
 * Plays the speech API of diarization-service (contracts/speech-internal-api.yaml): GET answers only from what was
 * recognised before, POST recognises once and remembers. A registered video speaks its sentences in the built-in
 * engine's style (lower case, no punctuation, one segment per sentence); a silent one answers {@code no_speech}.
 *
 * <p>It also plays the on-screen text API of the same service (contracts/on-screen-text-internal-api.yaml): a video
 * registered with {@link #shows} shows those blocks of text (4 s each; a photo post's slides share its duration),
 * any other has no text ({@code has_text: false}); read once, then cached. {@link #onScreenDown} answers 503.
 */
public class SpeechStandIn extends StandInServer {

    public static final String ENGINE = "builtin-vosk-en-0.3.45";
    private static final Pattern PATH = Pattern.compile("^/internal/v1/videos/(\\d{1,32})/transcription$");
    private static final Pattern ON_SCREEN = Pattern.compile("^/internal/v1/videos/(\\d{1,32})/on-screen-text$");

    private final Map<String, List<String>> spoken = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> made = new ConcurrentHashMap<>();
    private final AtomicInteger recognitions = new AtomicInteger();
    private final Map<String, List<String>> shown = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> read = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> lastBodies = new ConcurrentHashMap<>();
    private final AtomicInteger readings = new AtomicInteger();
    private volatile boolean onScreenDown;

    /** The video (or photo post) shows these blocks of text, in order. */
    public void shows(String videoId, List<String> blocks) {
        shown.put(videoId, blocks);
    }

    public void onScreenDown(boolean down) {
        onScreenDown = down;
    }

    public int readings() {
        return readings.get();
    }

    /** The body of the last on-screen text request for the video. */
    public JsonNode lastOnScreenBody(String videoId) {
        return lastBodies.get(videoId);
    }

    /** The video speaks these sentences; an empty list is a silent video. */
    public void speaks(String videoId, List<String> sentences) {
        spoken.put(videoId, sentences);
    }

    public int recognitions() {
        return recognitions.get();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        Matcher onScreen = ON_SCREEN.matcher(exchange.getRequestURI().getPath());
        if (onScreen.matches() && "POST".equals(exchange.getRequestMethod())) {
            onScreenText(exchange, onScreen.group(1));
            return;
        }
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        if (!path.matches()) {
            send(exchange, 404, json(Map.of("error_code", "not_found", "message", "No such route")));
            return;
        }
        String video = path.group(1);
        Map<String, Object> known = made.get(video);
        if ("GET".equals(exchange.getRequestMethod())) {
            if (known == null) {
                send(exchange, 404, json(error("not_transcribed", "This video has not been transcribed yet")));
            } else {
                send(exchange, 200, json(with(known, true)));
            }
            return;
        }
        body(exchange);
        if (known != null) {
            send(exchange, 200, json(with(known, true)));
            return;
        }
        List<String> sentences = spoken.get(video);
        recognitions.incrementAndGet();
        if (sentences == null || sentences.isEmpty()) {
            send(exchange, 422, json(error("no_speech", "No speech detected in this video")));
            return;
        }
        Map<String, Object> transcript = transcript(video, sentences);
        made.put(video, transcript);
        send(exchange, 200, json(with(transcript, false)));
    }

    private void onScreenText(HttpExchange exchange, String video) throws IOException {
        String raw = body(exchange);
        JsonNode body = raw == null || raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw);
        lastBodies.put(video, body);
        if (onScreenDown) {
            send(exchange, 503, json(error("service_unavailable", "The workers are busy, please retry later")));
            return;
        }
        Map<String, Object> known = read.get(video);
        if (known != null) {
            send(exchange, 200, json(with(known, true)));
            return;
        }
        readings.incrementAndGet();
        List<String> blocks = shown.getOrDefault(video, List.of());
        JsonNode images = body.path("images");
        boolean photo = images.isArray() && !images.isEmpty();
        double each = photo ? body.path("duration").asDouble(3.0 * images.size()) / images.size() : 4.0;
        List<Map<String, Object>> cues = new ArrayList<>();
        int characters = 0;
        for (int i = 0; i < blocks.size(); i++) {
            cues.add(Map.of("start", round(i * each), "end", round((i + 1) * each), "text", blocks.get(i)));
            characters += (int) blocks.get(i).codePoints().filter(Character::isLetterOrDigit).count();
        }
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("video_id", video);
        reading.put("engine", "tesseract-5.3.0");
        reading.put("kind", photo ? "photo_post" : "video");
        reading.put("has_text", characters >= 20);
        reading.put("characters", characters);
        reading.put("languages", characters > 0 ? List.of("en") : List.of());
        reading.put("duration", round(blocks.size() * each));
        reading.put("text", String.join(" ", blocks));
        reading.put("cues", cues);
        reading.put("images_sampled", photo ? images.size() : blocks.size() * 4);
        reading.put("images_read", blocks.size());
        read.put(video, reading);
        send(exchange, 200, json(with(reading, false)));
    }

    private static Map<String, Object> transcript(String video, List<String> sentences) {
        List<Map<String, Object>> words = new ArrayList<>();
        List<Map<String, Object>> segments = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        double at = 0.5;
        for (String sentence : sentences) {
            String plain = sentence.toLowerCase().replaceAll("[^a-z0-9' ]", "").strip();
            double start = at;
            for (String word : plain.split("\\s+")) {
                double end = at + 0.12 + 0.045 * word.length();
                words.add(Map.of("word", word, "start", round(at), "end", round(end)));
                at = end + 0.06;
            }
            segments.add(Map.of("start", round(start), "end", round(at - 0.06), "text", plain));
            texts.add(plain);
            at += 0.6;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("video_id", video);
        body.put("engine", ENGINE);
        body.put("language", "en");
        body.put("duration", round(at));
        body.put("text", String.join(" ", texts));
        body.put("words", words);
        body.put("segments", segments);
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> transcript, boolean cached) {
        Map<String, Object> body = new LinkedHashMap<>(transcript);
        body.put("cached", cached);
        return body;
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("error_code", code, "message", message, "request_id", "req-speech");
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }
}

package com.tikneuron.subtitle.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.tikneuron.standin.OnScreen;
import com.tikneuron.standin.Spoken;

/**
 * diarization-service's speech API as contracts/speech-internal-api.yaml has it (GET answers only from its cache,
 * POST recognises once and caches), speaking for every video the script of the stand-in's speaking fixture, in the
 * built-in engine's style: lower-case words without punctuation, one segment per sentence. A video can be made
 * silent ({@code no_speech}), the service down (503 to everything) or failing (503 to transcriptions only, after the
 * cache was asked) through {@code /__test/speech}.
 *
 * <p>It also plays the on-screen text API of the same service (contracts/on-screen-text-internal-api.yaml): for the
 * TikTok stand-in's on-screen text fixtures it answers what each drew, card by card (a photo post only when its slide
 * URLs are sent, one cue per slide over the post's duration), {@code has_text: false} for every other video, read
 * once and cached; {@code /__test/on-screen-text} makes a video's reading {@code down} (503), {@code refused} (422)
 * or {@code text} again, and tells how many readings ran and the last body received.
 */
public final class SpeechStandIn implements AutoCloseable {

    public static final String ENGINE = "builtin-vosk-en-0.3.45";
    private static final Pattern PATH = Pattern.compile("^/internal/v1/videos/(\\d{1,32})/transcription$");
    private static final Pattern ON_SCREEN = Pattern.compile("^/internal/v1/videos/(\\d{1,32})/on-screen-text$");
    public static final String OCR_ENGINE = "tesseract-5.3.0";

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, String> behaviour = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> cache = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> recognitions = new ConcurrentHashMap<>();
    private final Map<String, String> readingBehaviour = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> readings = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> readCount = new ConcurrentHashMap<>();
    private final Map<String, String> lastBody = new ConcurrentHashMap<>();

    public SpeechStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(executor);
        server.createContext("/internal/v1/videos", this::transcription);
        server.createContext("/__test/speech", this::test);
        server.createContext("/__test/on-screen-text", this::testOnScreen);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void transcription(HttpExchange exchange) throws IOException {
        Matcher onScreen = ON_SCREEN.matcher(exchange.getRequestURI().getPath());
        if (onScreen.matches()) {
            onScreenText(exchange, onScreen.group(1));
            return;
        }
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        if (!path.matches()) {
            send(exchange, 404, error("not_found", "No such route"));
            return;
        }
        String video = path.group(1);
        String language = "GET".equals(exchange.getRequestMethod()) ? query(exchange, "language")
                : hint(read(exchange));
        if (language != null && !language.toLowerCase().startsWith("en")) {
            send(exchange, 422, error("language_not_supported",
                    "Transcribing " + Locale.of(language.split("-")[0]).getDisplayLanguage(Locale.ENGLISH)
                            + " needs a speech engine for it; none is configured on this server"));
            return;
        }
        ObjectNode cached = cache.get(video);
        if ("GET".equals(exchange.getRequestMethod())) {
            if ("down".equals(behaviour.get(video))) {
                send(exchange, 503, error("service_unavailable", "The speech service is temporarily unavailable"));
            } else if (cached == null) {
                send(exchange, 404, error("not_transcribed", "This video has not been transcribed yet"));
            } else {
                send(exchange, 200, mapper.writeValueAsString(cached.deepCopy().put("cached", true)));
            }
            return;
        }
        if (cached != null) {
            send(exchange, 200, mapper.writeValueAsString(cached.deepCopy().put("cached", true)));
            return;
        }
        switch (behaviour.getOrDefault(video, "speech")) {
            case "silent" -> {
                recognitions.computeIfAbsent(video, v -> new AtomicInteger()).incrementAndGet();
                send(exchange, 422, error("no_speech", "No speech detected in this video"));
            }
            case "down", "failing" -> send(exchange, 503, error("service_unavailable",
                    "The speech workers are busy, please retry later"));
            // Another request's recognition finished between this one's look-up (404 above) and its transcription.
            case "made-meanwhile" -> send(exchange, 200, mapper.writeValueAsString(spoken(video).put("cached", true)));
            default -> {
                recognitions.computeIfAbsent(video, v -> new AtomicInteger()).incrementAndGet();
                ObjectNode made = spoken(video);
                cache.put(video, made);
                send(exchange, 200, mapper.writeValueAsString(made.deepCopy().put("cached", false)));
            }
        }
    }

    private void onScreenText(HttpExchange exchange, String video) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, error("method_not_allowed", "POST only"));
            return;
        }
        if (exchange.getRequestHeaders().getFirst("X-Service-Credential") == null) {
            send(exchange, 401, error("unauthorized", "This internal route needs the service credential."));
            return;
        }
        byte[] raw = read(exchange);
        JsonNode body = raw.length == 0 ? mapper.createObjectNode() : mapper.readTree(raw);
        lastBody.put(video, body.toString());
        String behaviour = readingBehaviour.getOrDefault(video, "text");
        if ("down".equals(behaviour)) {
            send(exchange, 503, error("service_unavailable", "The workers are busy, please retry later"));
            return;
        }
        if ("refused".equals(behaviour)) {
            send(exchange, 422, error("processing_failed", "The video's media has no picture to read"));
            return;
        }
        ObjectNode cached = readings.get(video);
        if (cached != null) {
            send(exchange, 200, mapper.writeValueAsString(cached.deepCopy().put("cached", true)));
            return;
        }
        readCount.computeIfAbsent(video, v -> new AtomicInteger()).incrementAndGet();
        ObjectNode made = reading(video, body);
        readings.put(video, made);
        send(exchange, 200, mapper.writeValueAsString(made.deepCopy().put("cached", false)));
    }

    /** What the fixture drew, as the service reads it: cards of 4 s for a video, slides sharing a photo post's length. */
    private ObjectNode reading(String video, JsonNode body) {
        List<OnScreen.Card> cards = fixtureCards(video);
        JsonNode images = body.path("images");
        boolean photo = images.isArray() && !images.isEmpty();
        if (video.equals(OnScreen.PHOTO_POST) && !photo) {
            cards = List.of();
        }
        if (photo) {
            cards = cards.subList(0, Math.min(cards.size(), images.size()));
        }
        double duration = photo ? body.path("duration").asDouble(3.0 * images.size())
                : cards.size() * OnScreen.CARD_SECONDS;
        double each = photo ? duration / images.size() : OnScreen.CARD_SECONDS;
        ArrayNode cues = mapper.createArrayNode();
        StringBuilder text = new StringBuilder();
        int characters = 0;
        for (int i = 0; i < cards.size(); i++) {
            String line = cards.get(i).text();
            cues.addObject().put("start", round(i * each)).put("end", round((i + 1) * each)).put("text", line);
            text.append(text.isEmpty() ? "" : " ").append(line);
            characters += (int) line.codePoints().filter(Character::isLetterOrDigit).count();
        }
        String language = switch (video) {
            case OnScreen.GERMAN -> "de";
            case OnScreen.ARABIC -> "ar";
            default -> "en";
        };
        ObjectNode answer = mapper.createObjectNode().put("video_id", video).put("engine", OCR_ENGINE)
                .put("kind", photo ? "photo_post" : "video").put("has_text", characters >= 20).put("characters", characters);
        answer.putArray("languages").add(characters > 0 ? language : "und");
        if (characters == 0) {
            ((ArrayNode) answer.get("languages")).removeAll();
        }
        return answer.put("duration", duration).put("text", text.toString()).<ObjectNode>set("cues", cues)
                .put("images_sampled", photo ? images.size() : (int) duration).put("images_read", cards.size());
    }

    private static List<OnScreen.Card> fixtureCards(String video) {
        try {
            return OnScreen.cards(video);
        } catch (IllegalArgumentException notAFixture) {
            return List.of();
        }
    }

    private void testOnScreen(HttpExchange exchange) throws IOException {
        if ("POST".equals(exchange.getRequestMethod())) {
            JsonNode body = mapper.readTree(read(exchange));
            readingBehaviour.put(body.path("video_id").asText(), body.path("behaviour").asText("text"));
            send(exchange, 204, "");
            return;
        }
        String video = query(exchange, "video_id");
        AtomicInteger count = readCount.get(video);
        ObjectNode answer = mapper.createObjectNode().put("readings", count == null ? 0 : count.get());
        String last = lastBody.get(video);
        answer.set("last_body", last == null ? null : mapper.readTree(last));
        send(exchange, 200, mapper.writeValueAsString(answer));
    }

    private ObjectNode spoken(String video) {
        ObjectNode body = mapper.createObjectNode().put("video_id", video).put("engine", ENGINE).put("language", "en");
        ArrayNode words = mapper.createArrayNode();
        ArrayNode segments = mapper.createArrayNode();
        StringBuilder text = new StringBuilder();
        double at = 0.4;
        for (String sentence : Spoken.SCRIPT) {
            String plain = sentence.toLowerCase().replaceAll("[^a-z' ]", "").strip();
            double start = at;
            for (String word : plain.split("\\s+")) {
                double end = at + 0.12 + 0.045 * word.length();
                words.addObject().put("word", word).put("start", round(at)).put("end", round(end));
                at = end + 0.06;
            }
            segments.addObject().put("start", round(start)).put("end", round(at - 0.06)).put("text", plain);
            text.append(text.isEmpty() ? "" : " ").append(plain);
            at += 0.6;
        }
        return body.put("duration", 28.0).put("text", text.toString()).<ObjectNode>set("words", words)
                .set("segments", segments);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }

    private void test(HttpExchange exchange) throws IOException {
        if ("POST".equals(exchange.getRequestMethod())) {
            JsonNode body = mapper.readTree(read(exchange));
            String video = body.path("video_id").asText();
            if ("forget".equals(body.path("behaviour").asText())) {
                // As if never transcribed: the next request has to pay for its recognition
                cache.remove(video);
                behaviour.remove(video);
            } else {
                behaviour.put(video, body.path("behaviour").asText("speech"));
            }
            send(exchange, 204, "");
            return;
        }
        String video = query(exchange, "video_id");
        AtomicInteger count = recognitions.get(video);
        send(exchange, 200, "{\"recognitions\":" + (count == null ? 0 : count.get()) + "}");
    }

    private String hint(byte[] body) throws IOException {
        if (body.length == 0) {
            return null;
        }
        JsonNode language = mapper.readTree(body).get("language");
        return language == null || language.isNull() ? null : language.asText();
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    private String error(String code, String message) throws IOException {
        return mapper.writeValueAsString(Map.of("error_code", code, "message", message, "request_id", "req-speech"));
    }

    private static byte[] read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package com.tikneuron.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for TikTok's web pages, short links, caption tracks and media, served from fixtures.
 * Every request names the TikTok host it was meant for in {@code X-Forwarded-Host} (absent means www.tiktok.com).
 * It also plays an OpenAI-compatible speech server at {@code /v1/audio/transcriptions} (see {@link Transcriptions}).
 */
public final class TikTokStandIn implements AutoCloseable {

    private static final Set<String> PAGE_HOSTS = Set.of("www.tiktok.com", "tiktok.com", "m.tiktok.com");
    private static final Set<String> SHORT_LINK_HOSTS = Set.of("vm.tiktok.com", "vt.tiktok.com");
    private static final Pattern VIDEO_PAGE = Pattern.compile("^/@[^/]*/(?:video|photo)/(\\d{19})/?$");
    private static final Pattern SHORT_CODE = Pattern.compile("^/(?:t/)?([A-Za-z0-9]{5,20})/?$");
    // "~" appears in TikTok's image paths ("…~tplv-photomode-image.jpeg")
    private static final Pattern SAFE_PATH = Pattern.compile("^/[A-Za-z0-9._~/-]{1,300}$");
    private static final String HOME = "https://www.tiktok.com/";
    // Ten minutes of 16 kHz mono 16-bit WAV is about 19 MB; a real server takes 25 MB.
    private static final int MAX_UPLOAD = 25 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Fixtures fixtures;
    private final Challenge challenge = new Challenge();
    private final Set<String> chainTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, AtomicInteger>> counters = new ConcurrentHashMap<>();
    private volatile Faults faults = Faults.NONE;
    private final Transcriptions transcriptions = new Transcriptions();

    private TikTokStandIn(HttpServer server, Fixtures fixtures) {
        this.server = server;
        this.fixtures = fixtures;
        // One virtual thread per request: a delay fault must not starve the other requests of threads.
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts a stand-in on 127.0.0.1 at the given port (0 picks a free one). */
    public static TikTokStandIn start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        TikTokStandIn standIn = new TikTokStandIn(server, Fixtures.fromClasspath());
        server.start();
        return standIn;
    }

    public static void main(String[] args) throws IOException {
        int port = 8090;
        for (int i = 0; i < args.length - 1; i++) {
            if ("--port".equals(args[i])) {
                port = Integer.parseInt(args[i + 1]);
            }
        }
        TikTokStandIn standIn = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
        System.out.println("TikTok stand-in listening on " + standIn.origin());
    }

    /** The base URL to point a client at, for example {@code http://127.0.0.1:8090}. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * How many requests of a kind (pages, short_links, captions, media) were served for a key; kind
     * {@code dropped} counts the requests a fault closed unanswered, keyed by the kind they would have been.
     */
    public int count(String kind, String key) {
        AtomicInteger value = counters.getOrDefault(kind, Map.of()).get(key);
        return value == null ? 0 : value.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Forwarded-Host"))
                    .orElse("www.tiktok.com").toLowerCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/__standin/")) {
                serveControl(exchange, path);
                return;
            }
            if (path.equals("/v1/audio/transcriptions")) {
                serveTranscription(exchange);
                return;
            }
            if (!applyFaults(host, path)) {
                return; // closing an exchange that sent no headers closes its connection: the client gets no response
            }
            if (SHORT_LINK_HOSTS.contains(host) || (PAGE_HOSTS.contains(host) && path.startsWith("/t/"))) {
                serveShortLink(exchange, host, path);
            } else if (PAGE_HOSTS.contains(host)) {
                servePage(exchange, path);
            } else if (host.endsWith(".tiktokcdn.com") || host.endsWith(".tiktokcdn-us.com") || host.endsWith(".tiktok.com")) {
                serveCdn(exchange, path);
            } else {
                send(exchange, 421, "text/plain", "misdirected request".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Waits the configured delay; false when this request is to be dropped. */
    private boolean applyFaults(String host, String path) {
        Faults current = faults;
        boolean drop = current.drops();
        if (current.delayMs() > 0) {
            try {
                Thread.sleep(current.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (drop) {
            record("dropped", kindOf(host, path));
        }
        return !drop;
    }

    private static String kindOf(String host, String path) {
        if (SHORT_LINK_HOSTS.contains(host) || (PAGE_HOSTS.contains(host) && path.startsWith("/t/"))) {
            return "short_links";
        } else if (PAGE_HOSTS.contains(host)) {
            return "pages";
        } else if (path.endsWith(".vtt") || path.endsWith(".json")) {
            return "captions";
        } else if (path.endsWith(".mp3") || path.endsWith(".mp4")) {
            return "media";
        } else if (path.endsWith(".jpeg")) {
            return "images";
        }
        return "other";
    }

    private void serveControl(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        if (path.equals("/__standin/faults")) {
            serveFaults(exchange, method);
        } else if (path.equals("/__standin/short-links") && "POST".equals(method)) {
            addShortLink(exchange);
        } else if (path.equals("/__standin/speech-faults")) {
            serveSpeechFaults(exchange, method);
        } else if (path.equals("/__standin/spoken") && "GET".equals(method)) {
            String json = "{\"video_ids\":{\"speaking\":\"" + Spoken.SPEAKING + "\",\"silent\":\"" + Spoken.SILENT
                    + "\",\"three_minutes\":\"" + Spoken.THREE_MINUTES + "\"},\"text\":" + Json.quote(Spoken.text()) + "}";
            send(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/__standin/on-screen") && "GET".equals(method)) {
            send(exchange, 200, "application/json", onScreenJson().getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/__standin/stats")) {
            send(exchange, 200, "application/json", statsJson().getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/__standin/reset") && "POST".equals(exchange.getRequestMethod())) {
            counters.clear();
            send(exchange, 204, null, new byte[0]);
        } else {
            send(exchange, 404, "text/plain", new byte[0]);
        }
    }

    private void serveFaults(HttpExchange exchange, String method) throws IOException {
        switch (method) {
            case "GET" -> send(exchange, 200, "application/json", faults.json().getBytes(StandardCharsets.UTF_8));
            case "DELETE" -> {
                faults = Faults.NONE;
                send(exchange, 204, null, new byte[0]);
            }
            case "POST", "PUT" -> {
                String body = body(exchange);
                try {
                    Faults next = new Faults(Json.number(body, "delay_ms").map(Double::longValue).orElse(0L),
                            Json.number(body, "drop_rate").orElse(0.0));
                    faults = next;
                    send(exchange, 200, "application/json", next.json().getBytes(StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    send(exchange, 400, "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
                }
            }
            default -> send(exchange, 405, "text/plain", new byte[0]);
        }
    }

    private void serveSpeechFaults(HttpExchange exchange, String method) throws IOException {
        switch (method) {
            case "GET" -> send(exchange, 200, "application/json", transcriptions.planned().json().getBytes(StandardCharsets.UTF_8));
            case "DELETE" -> {
                transcriptions.plan(new Transcriptions.Fault(500, 0, 0));
                send(exchange, 204, null, new byte[0]);
            }
            case "POST", "PUT" -> {
                String body = body(exchange);
                try {
                    Transcriptions.Fault next = new Transcriptions.Fault(Json.number(body, "status").map(Double::intValue).orElse(500),
                            Json.number(body, "count").map(Double::intValue).orElse(1), Json.number(body, "retry_after").orElse(0.0));
                    transcriptions.plan(next);
                    send(exchange, 200, "application/json", next.json().getBytes(StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    send(exchange, 400, "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
                }
            }
            default -> send(exchange, 405, "text/plain", new byte[0]);
        }
    }

    private void serveTranscription(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "application/json", new byte[0]);
            return;
        }
        record("transcriptions", "calls");
        byte[] upload = exchange.getRequestBody().readNBytes(MAX_UPLOAD + 1);
        if (upload.length > MAX_UPLOAD) {
            send(exchange, 413, "application/json", "{\"error\":{\"message\":\"Maximum content size limit exceeded\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        Transcriptions.Answer answer = transcriptions.answer(exchange.getRequestHeaders().getFirst("Content-Type"), upload);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        send(exchange, answer.status(), "application/json", answer.body().getBytes(StandardCharsets.UTF_8));
    }

    private void addShortLink(HttpExchange exchange) throws IOException {
        String body = body(exchange);
        String host = Json.string(body, "host").orElse("").toLowerCase(Locale.ROOT);
        String code = Json.string(body, "code").orElse("");
        Optional<String> location = Json.string(body, "location");
        boolean pageHost = PAGE_HOSTS.contains(host);
        if (!(SHORT_LINK_HOSTS.contains(host) || pageHost) || !code.matches("[A-Za-z0-9]{5,20}") || location.isEmpty()) {
            send(exchange, 400, "text/plain", ("expected {\"host\": one of " + SHORT_LINK_HOSTS + " or " + PAGE_HOSTS
                    + ", \"code\": 5-20 letters or digits, \"location\": a string}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        fixtures.addShortLink(host + (pageHost ? "/t/" : "/") + code, location.get());
        send(exchange, 204, null, new byte[0]);
    }

    // Not closed here: send() drains and closes the request body.
    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
    }

    private void serveShortLink(HttpExchange exchange, String host, String path) throws IOException {
        Matcher code = SHORT_CODE.matcher(path);
        String key = code.matches() ? host + (path.startsWith("/t/") ? "/t/" : "/") + code.group(1) : null;
        record("short_links", key == null ? "invalid" : key);
        String target = key == null ? null : fixtures.shortLink(key);
        exchange.getResponseHeaders().add("Location", target == null ? HOME + "?_r=1" : target);
        send(exchange, 301, null, new byte[0]);
    }

    private void servePage(HttpExchange exchange, String path) throws IOException {
        Matcher page = VIDEO_PAGE.matcher(path);
        if (!page.matches()) {
            send(exchange, 200, "text/html; charset=utf-8", Pages.empty().getBytes(StandardCharsets.UTF_8));
            return;
        }
        String id = page.group(1);
        record("pages", id);
        Fixtures.Video video = fixtures.video(id);
        String cookies = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Cookie")).orElse("");
        if (video.challenged() && !challenge.accepts(cookies)) {
            send(exchange, 200, "text/html; charset=utf-8", challenge.page().getBytes(StandardCharsets.UTF_8));
            return;
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        chainTokens.add(token);
        exchange.getResponseHeaders().add("Set-Cookie",
                "tt_chain_token=" + token + "; Domain=.tiktok.com; Path=/; Max-Age=15552000; Secure; HttpOnly");
        exchange.getResponseHeaders().add("Set-Cookie",
                "ttwid=1%7C" + token.substring(0, 16) + "; Domain=.tiktok.com; Path=/; Max-Age=31536000; Secure; HttpOnly");
        send(exchange, 200, "text/html; charset=utf-8", Pages.render(video).getBytes(StandardCharsets.UTF_8));
    }

    private void serveCdn(HttpExchange exchange, String path) throws IOException {
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            send(exchange, 404, "text/plain", new byte[0]);
            return;
        }
        if (path.endsWith(".jpeg")) {
            // Photo-mode slides are signed in their query and served to anyone who has the URL, cookie or not
            record("images", path);
            byte[] slide = OnScreen.imageOf(path);
            if (slide == null) {
                send(exchange, 404, "text/plain", new byte[0]);
            } else {
                send(exchange, 200, "image/jpeg", slide);
            }
            return;
        }
        String referer = exchange.getRequestHeaders().getFirst("Referer");
        String cookies = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Cookie")).orElse("");
        if (referer == null || !referer.startsWith(HOME) || !hasChainToken(cookies)) {
            send(exchange, 403, "text/plain", "Access Denied".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Optional<byte[]> file = fixtures.cdnFile(path);
        if (path.endsWith(".vtt") || path.endsWith(".json")) {
            record("captions", path);
            if (file.isEmpty()) {
                send(exchange, 404, "text/plain", new byte[0]);
            } else {
                send(exchange, 200, path.endsWith(".vtt") ? "text/vtt" : "application/json", file.get());
            }
        } else if (path.endsWith(".mp3") || path.endsWith(".mp4")) {
            record("media", path);
            boolean audio = path.endsWith(".mp3");
            String spoken = Spoken.videoOf(path);
            String onScreen = OnScreen.videoOf(path);
            String sound = Spoken.videoOfSound(path);
            if (spoken != null || onScreen != null || sound != null) {
                byte[] made;
                try {
                    made = spoken != null ? Spoken.mp4(spoken) : onScreen != null ? OnScreen.mp4(onScreen) : Spoken.mp3(sound);
                } catch (IllegalStateException cannotMake) {
                    send(exchange, 503, "text/plain", cannotMake.getMessage().getBytes(StandardCharsets.UTF_8));
                    return;
                }
                send(exchange, 200, spoken != null || onScreen != null ? "video/mp4" : "audio/mpeg", made);
                return;
            }
            byte[] body = file.orElseGet(() -> audio ? Media.silentMp3(3) : Media.minimalMp4());
            send(exchange, 200, audio ? "audio/mpeg" : "video/mp4", body);
        } else {
            send(exchange, 404, "text/plain", new byte[0]);
        }
    }

    private boolean hasChainToken(String cookies) {
        for (String part : cookies.split(";")) {
            String pair = part.trim();
            if (pair.startsWith("tt_chain_token=") && chainTokens.contains(pair.substring("tt_chain_token=".length()))) {
                return true;
            }
        }
        return false;
    }

    /** The on-screen text fixtures: their ids and what each shows, card by card, so tests can compare. */
    private static String onScreenJson() {
        StringBuilder json = new StringBuilder("{\"posts\":[");
        List<String> ids = List.of(OnScreen.ENGLISH, OnScreen.GERMAN, OnScreen.ARABIC, OnScreen.PHOTO_POST, OnScreen.NOTHING);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            json.append(i == 0 ? "" : ",").append("{\"video_id\":\"").append(id).append("\",\"photo_post\":")
                    .append(id.equals(OnScreen.PHOTO_POST)).append(",\"text\":").append(Json.quote(OnScreen.text(id)))
                    .append(",\"cards\":[");
            List<OnScreen.Card> cards = OnScreen.cards(id);
            for (int c = 0; c < cards.size(); c++) {
                json.append(c == 0 ? "" : ",").append(Json.quote(cards.get(c).text()));
            }
            json.append("]}");
        }
        return json.append("]}").toString();
    }

    private void record(String kind, String key) {
        counters.computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(key, k -> new AtomicInteger())
                .incrementAndGet();
    }

    private String statsJson() {
        StringBuilder json = new StringBuilder("{");
        List<String> kinds = List.of("pages", "short_links", "captions", "media", "images", "dropped", "transcriptions");
        for (int k = 0; k < kinds.size(); k++) {
            json.append(k == 0 ? "" : ",").append('"').append(kinds.get(k)).append("\":{");
            Map<String, AtomicInteger> sorted = new TreeMap<>(counters.getOrDefault(kinds.get(k), Map.of()));
            int i = 0;
            for (Map.Entry<String, AtomicInteger> entry : sorted.entrySet()) {
                json.append(i++ == 0 ? "" : ",").append('"').append(entry.getKey()).append("\":").append(entry.getValue().get());
            }
            json.append('}');
        }
        return json.append('}').toString();
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        try (InputStream ignored = exchange.getRequestBody()) {
            ignored.readAllBytes();
        }
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

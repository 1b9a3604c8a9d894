package com.tikneuron.summary.standin;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.tikneuron.testsupport.StandInServer;

/**
 * An OpenAI-compatible Chat Completions server: it reads the real request JSON, answers with the real
 * response JSON (choices[0].message.content, usage) or error bodies, and records every request. Tests script
 * replies; unscripted requests get a well-formed answer of the shape the system prompt asks for.
 */
public class LlmStandIn extends StandInServer {

    /** A scripted reply: status, content (or raw error body), extra headers, delay before answering. */
    public record Reply(int status, String content, Map<String, String> headers, long delayMillis) {

        public static Reply answer(String content) {
            return new Reply(200, content, Map.of(), 0);
        }

        public static Reply slowAnswer(String content, long delayMillis) {
            return new Reply(200, content, Map.of(), delayMillis);
        }

        public static Reply error(int status, String type, String message, Map<String, String> headers) {
            String body = json(Map.of("error", Map.of("message", message, "type", type, "code", type)));
            return new Reply(status, body, headers, 0);
        }
    }

    /** A request as received. */
    public record Recorded(JsonNode body, String authorization, Instant at) {

        public String system() {
            return message("system");
        }

        public String user() {
            return message("user");
        }

        public int messageCount() {
            return body.path("messages").size();
        }

        private String message(String role) {
            for (JsonNode message : body.path("messages")) {
                if (role.equals(message.path("role").asText())) {
                    return message.path("content").asText();
                }
            }
            return "";
        }
    }

    public static final String VALID_BULLETS = """
            - The baker feeds the starter twice a day for three days.
            - A long cold proof overnight gives the bread its sour taste.
            - Baking starts in a covered pot at a high temperature.""";

    public static final String VALID_BULLETS_DE = """
            - Der Bäcker füttert den Sauerteig drei Tage lang zweimal täglich.
            - Die lange kalte Gare über Nacht gibt dem Brot seinen sauren Geschmack.
            - Gebacken wird im geschlossenen Topf bei hoher Temperatur.""";

    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final ScheduledExecutorService delays = Executors.newScheduledThreadPool(4);

    public void enqueue(Reply reply) {
        script.add(reply);
    }

    public synchronized void reset() {
        script.clear();
        requests.clear();
    }

    @Override
    public void stop() {
        super.stop();
        delays.shutdownNow();
    }

    public synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals("/v1/chat/completions")) {
            send(exchange, 404, json(Map.of("error", Map.of("message", "Unknown route", "type", "invalid_request_error"))));
            return;
        }
        JsonNode request = JSON.readTree(body(exchange));
        Recorded recorded = new Recorded(request, exchange.getRequestHeaders().getFirst("Authorization"), Instant.now());
        synchronized (this) {
            requests.add(recorded);
        }
        Reply reply = script.poll();
        if (reply == null) {
            reply = Reply.answer(defaultAnswer(recorded.system()));
        }
        Reply chosen = reply;
        // A slow model: the answer leaves later from another thread, the way a busy server keeps a client waiting.
        delays.schedule(() -> {
            try {
                reply(exchange, request, chosen);
            } catch (IOException clientGaveUp) {
                exchange.close();
            }
        }, chosen.delayMillis(), TimeUnit.MILLISECONDS);
    }

    private void reply(HttpExchange exchange, JsonNode request, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (reply.status() != 200) {
            send(exchange, reply.status(), reply.content());
            return;
        }
        send(exchange, 200, json(completion(request.path("model").asText(), reply.content())));
    }

    private Map<String, Object> completion(String model, String content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "chatcmpl-" + ids.incrementAndGet());
        body.put("object", "chat.completion");
        body.put("created", Instant.now().getEpochSecond());
        body.put("model", model);
        body.put("choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content),
                "finish_reason", "stop")));
        body.put("usage", Map.of("prompt_tokens", 812, "completion_tokens", 96, "total_tokens", 908));
        return body;
    }

    private static String defaultAnswer(String system) {
        if (system.contains("take notes on one part")) {
            return "- The baker explains one step of the recipe.\n- Timing matters for the dough.";
        }
        if (system.contains("\"tldr\"")) {
            return """
                    {"tldr": "A baker shows a three-day sourdough method.",
                     "takeaways": ["Feed the starter twice a day", "Proof the dough cold overnight", "Bake in a covered pot"],
                     "sentiment": "positive",
                     "cta": "Share your own sourdough loaf with us!"}""";
        }
        boolean german = system.contains("Write in German");
        if (system.contains("between 3 and 7 lines")) {
            return german ? VALID_BULLETS_DE : VALID_BULLETS;
        }
        if (german) {
            return "Ein Bäcker zeigt, wie man in drei Tagen ein Sauerteigbrot backt, und die lange kalte Gare ist "
                    + "das Geheimnis für den Geschmack.";
        }
        return "A baker walks through a three-day sourdough method, from feeding the starter to baking.\n\n"
                + "The long cold proof is what gives the bread its taste.";
    }

    /** Requests received since the given count, for tests that look at one call's traffic only. */
    public synchronized List<Recorded> requestsSince(int count) {
        return List.copyOf(new ArrayList<>(requests).subList(count, requests.size()));
    }
}

package com.tikneuron.subtitle.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays billing-service's {@code POST /internal/v1/holds} as contracts/billing-internal-api.yaml describes it:
 * 201 with the hold, 402 when the account cannot pay, 404 for an unknown account, idempotent on hold_id.
 * Tests set accounts up and read the holds it received through {@code /__test/...}.
 */
public final class FakeBilling implements AutoCloseable {

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final Map<String, Integer> balances = new ConcurrentHashMap<>();
    private final Map<String, Boolean> broken = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> holds = new ConcurrentHashMap<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    public FakeBilling() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(executor);
        server.createContext("/internal/v1/holds", this::hold);
        server.createContext("/__test/accounts", this::account);
        server.createContext("/__test/holds", this::listHolds);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private synchronized void hold(HttpExchange exchange) throws IOException {
        JsonNode body = mapper.readTree(read(exchange));
        received.add(body);
        String account = body.path("account_id").asText();
        String holdId = body.path("hold_id").asText();
        if (Boolean.TRUE.equals(broken.get(account))) {
            send(exchange, 500, "{\"error_code\":\"internal_error\",\"message\":\"boom\"}");
            return;
        }
        if (holds.containsKey(holdId)) {
            send(exchange, 200, mapper.writeValueAsString(holds.get(holdId)));
            return;
        }
        Integer balance = balances.get(account);
        if (balance == null) {
            send(exchange, 404, "{\"error_code\":\"account_not_found\",\"message\":\"Unknown account\"}");
            return;
        }
        int amount = body.path("amount").asInt();
        String mode = body.path("mode").asText("live");
        if ("live".equals(mode) && balance < amount) {
            send(exchange, 402, "{\"error_code\":\"insufficient_credits\",\"message\":\"Insufficient credits\"}");
            return;
        }
        int after = "live".equals(mode) ? balance - amount : balance;
        balances.put(account, after);
        ObjectNode hold = mapper.createObjectNode()
                .put("hold_id", holdId).put("account_id", account).put("status", "pending").put("amount", amount)
                .put("mode", mode).put("expires_at", Instant.now().plusSeconds(900).toString())
                .put("credits", after).put("reserved", "live".equals(mode) ? amount : 0);
        holds.put(holdId, hold);
        send(exchange, 201, mapper.writeValueAsString(hold));
    }

    private void account(HttpExchange exchange) throws IOException {
        JsonNode body = mapper.readTree(read(exchange));
        String id = body.path("account_id").asText();
        balances.put(id, body.path("credits").asInt());
        broken.put(id, body.path("broken").asBoolean(false));
        send(exchange, 204, "");
    }

    private void listHolds(HttpExchange exchange) throws IOException {
        String account = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery().replace("account_id=", "");
        ArrayNode list = mapper.createArrayNode();
        received.stream().filter(h -> h.path("account_id").asText().equals(account)).forEach(list::add);
        send(exchange, 200, mapper.writeValueAsString(list));
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

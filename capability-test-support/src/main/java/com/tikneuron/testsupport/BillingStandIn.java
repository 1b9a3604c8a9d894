package com.tikneuron.testsupport;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/** Plays billing-service's POST /internal/v1/holds (contracts/billing-internal-api.yaml) with in-memory balances. */
public class BillingStandIn extends StandInServer {

    private static final int DEFAULT_BALANCE = 100;

    private final Map<String, Integer> balances = new ConcurrentHashMap<>();
    private final List<JsonNode> holds = new ArrayList<>();
    private volatile boolean down;

    public void balance(String accountId, int credits) {
        balances.put(accountId, credits);
    }

    public void down(boolean down) {
        this.down = down;
    }

    /** Hold requests received for an account, in order. */
    public synchronized List<JsonNode> holds(String accountId) {
        return holds.stream().filter(hold -> hold.path("account_id").asText().equals(accountId)).toList();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        if (down) {
            send(exchange, 503, "{\"error_code\":\"service_unavailable\",\"message\":\"down for maintenance\"}");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals("/internal/v1/holds")) {
            send(exchange, 404, "{\"error_code\":\"not_found\",\"message\":\"no such route\"}");
            return;
        }
        JsonNode request = JSON.readTree(body(exchange));
        synchronized (this) {
            holds.add(request);
        }
        String account = request.path("account_id").asText();
        int amount = request.path("amount").asInt();
        String mode = request.path("mode").asText("live");
        int available;
        synchronized (balances) {
            available = balances.getOrDefault(account, DEFAULT_BALANCE);
            if ("live".equals(mode)) {
                if (available < amount) {
                    send(exchange, 402, "{\"error_code\":\"insufficient_credits\",\"message\":\"Insufficient credits\"}");
                    return;
                }
                available -= amount;
                balances.put(account, available);
            }
        }
        Map<String, Object> hold = new LinkedHashMap<>();
        hold.put("hold_id", request.path("hold_id").asText());
        hold.put("account_id", account);
        hold.put("status", "pending");
        hold.put("amount", amount);
        hold.put("mode", mode);
        hold.put("expires_at", Instant.now().plusSeconds(900).toString());
        hold.put("credits", available);
        hold.put("reserved", "live".equals(mode) ? amount : 0);
        send(exchange, 201, json(hold));
    }
}

package com.tikneuron.testsupport;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/** Plays billing-service's POST /internal/v1/holds (contracts/billing-internal-api.yaml) with in-memory balances. */
public class BillingStandIn extends StandInServer {

    private static final int DEFAULT_BALANCE = 100;

    private final Map<String, Integer> balances = new ConcurrentHashMap<>();
    private final List<JsonNode> holds = new ArrayList<>();
    private volatile boolean down;
    private final Set<String> downFor = ConcurrentHashMap.newKeySet();
    private volatile int refusal;
    private final AtomicInteger requests = new AtomicInteger();

    public void balance(String accountId, int credits) {
        balances.put(accountId, credits);
    }

    public void down(boolean down) {
        this.down = down;
    }

    /** Answers this account's holds, and only them, with 503, as billing does when it is down. */
    public void downFor(String accountId) {
        downFor.add(accountId);
    }

    /**
     * Answers every hold with this status and billing's error body (402, 404, 409, 422, or a 5xx), as billing does when
     * it refuses; 0 goes back to normal answers.
     */
    public void refuseWith(int status) {
        this.refusal = status;
    }

    /** Every hold request that reached the stand-in, refused or not. */
    public int requests() {
        return requests.get();
    }

    /** Hold requests received for an account, in order. */
    public synchronized List<JsonNode> holds(String accountId) {
        return holds.stream().filter(hold -> hold.path("account_id").asText().equals(accountId)).toList();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        int refused = refusal;
        if (refused != 0) {
            String code = switch (refused) {
                case 402 -> "insufficient_credits";
                case 404 -> "account_not_found";
                case 409 -> "hold_conflict";
                case 422 -> "invalid_request";
                default -> "service_unavailable";
            };
            send(exchange, refused, "{\"error_code\":\"" + code + "\",\"message\":\"refused by the stand-in\"}");
            return;
        }
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
        if (downFor.contains(account)) {
            send(exchange, 503, "{\"error_code\":\"service_unavailable\",\"message\":\"down for maintenance\"}");
            return;
        }
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

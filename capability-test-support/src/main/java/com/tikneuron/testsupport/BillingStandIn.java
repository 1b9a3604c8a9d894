package com.tikneuron.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Plays billing-service's internal API (contracts/billing-internal-api.yaml) with in-memory state: the holds the
 * capability services make, and the routes the gateway calls (key lookups, balance, usage, refunds of failed calls).
 * Like billing, it answers every route 401 with billing's body unless the caller presents the test profile's service
 * credential ({@link ServiceCredentialForTests#VALUE}). Every request is recorded, whatever its route and credential.
 */
public class BillingStandIn extends StandInServer {

    private static final int DEFAULT_BALANCE = 100;

    private final Map<String, Integer> balances = new ConcurrentHashMap<>();
    private final List<JsonNode> holds = new ArrayList<>();
    private volatile boolean down;
    private final Set<String> downFor = ConcurrentHashMap.newKeySet();
    private volatile int refusal;
    private final AtomicInteger requests = new AtomicInteger();
    // Calls refunded, as "account/call": billing refuses their later holds (409 call_refunded)
    private final Set<String> refundedCalls = ConcurrentHashMap.newKeySet();

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
        record(exchange);
        String credential = exchange.getRequestHeaders().getFirst(ServiceCredentialForTests.HEADER);
        if (!ServiceCredentialForTests.VALUE.equals(credential)) {
            unauthorized(exchange);
            return;
        }
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
            answerGatewayRoute(exchange);
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
        if (refundedCalls.contains(account + "/" + request.path("request_id").asText())) {
            send(exchange, 409, "{\"error_code\":\"call_refunded\",\"message\":\"The call was refunded; it can hold no credits\"}");
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

    // The routes the gateway calls: key lookups, balance, usage and refunds of failed calls.

    private static final Pattern KEY = Pattern.compile("/internal/v1/keys/([0-9a-f]{64})");
    private static final Pattern BALANCE = Pattern.compile("/internal/v1/accounts/([0-9a-f-]{36})/balance");
    private static final Pattern USAGE = Pattern.compile("/internal/v1/accounts/([0-9a-f-]{36})/usage");
    private static final Pattern REFUND = Pattern.compile("/internal/v1/accounts/([^/]+)/calls/([^/]+)/refund");
    private static final Pattern CALL_ID = Pattern.compile("call_[0-9a-f]{32}");
    private static final Pattern REASON = Pattern.compile("[a-z_]{1,64}");
    private static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** The cursor billing does not know, for tests of the gateway's answer to billing's 422. */
    public static final String UNKNOWN_CURSOR = "unknown";

    private final Map<String, ObjectNode> keys = new ConcurrentHashMap<>();
    private final Map<String, Integer> reservedCredits = new ConcurrentHashMap<>();
    private final Map<String, Instant> balanceUpdatedAt = new ConcurrentHashMap<>();
    private final Map<String, String> usagePages = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** A request as the stand-in received it, on any route; header names lowercased. */
    public record Received(String method, String path, String query, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A refund billing was asked for: whose account, which call, and the reason given (null when none). */
    public record Refund(String accountId, String callId, String reason) {
    }

    /**
     * Registers a key and returns its account id. Ids derive from the key, so a key a gateway cached in an earlier
     * test still names the same account.
     */
    public String key(String key, String mode, String status) {
        return key(key, mode, status,
                UUID.nameUUIDFromBytes(("account:" + key).getBytes(StandardCharsets.UTF_8)).toString());
    }

    /** Registers a key of a given account, such as a test key beside a live one; returns the account id. */
    public String key(String key, String mode, String status, String accountId) {
        ObjectNode lookup = JSON.createObjectNode()
                .put("account_id", accountId)
                .put("key_id", UUID.nameUUIDFromBytes(("key:" + key).getBytes(StandardCharsets.UTF_8)).toString())
                .put("mode", mode)
                .put("status", status);
        keys.put(digest(key), lookup);
        return accountId;
    }

    /** Registers an active live key; returns its account id. */
    public String activeKey(String key) {
        return key(key, "live", "active");
    }

    /** Gives the key's account a plan, carried in the key lookup as billing carries it. */
    public void plan(String key, int requestsPerMinute, int burst) {
        keys.computeIfPresent(digest(key), (digest, lookup) -> {
            ObjectNode plan = lookup.deepCopy();
            plan.putObject("plan").put("requests_per_minute", requestsPerMinute).put("burst", burst)
                    .put("concurrent_jobs", 5);
            return plan;
        });
    }

    /** Key lookups received for this key. */
    public long keyLookups(String key) {
        return received("/internal/v1/keys/" + digest(key)).size();
    }

    /**
     * Sets the account's balance as billing answers it on {@code GET .../balance}; the credits are also what its
     * holds may spend. An account never given a balance is unknown there (404).
     */
    public void balance(String accountId, int credits, int reserved, Instant updatedAt) {
        balances.put(accountId, credits);
        reservedCredits.put(accountId, reserved);
        balanceUpdatedAt.put(accountId, updatedAt);
    }

    /**
     * Sets the page billing answers on {@code GET .../usage} of this account, whatever the limit and cursor, except
     * the cursor {@link #UNKNOWN_CURSOR}, which billing does not know (422). An account without one is unknown (404).
     */
    public void usage(String accountId, String pageJson) {
        usagePages.put(accountId, pageJson);
    }

    /** Every request received, in order of arrival. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests received on this path. */
    public List<Received> received(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    /** Every refund billing was asked for, in order of arrival (retries included). */
    public List<Refund> refunds() {
        return received.stream()
                .filter(request -> "POST".equals(request.method()) && REFUND.matcher(request.path()).matches())
                .map(request -> {
                    Matcher path = REFUND.matcher(request.path());
                    path.matches();
                    return new Refund(path.group(1), path.group(2), reason(request.body()));
                })
                .toList();
    }

    /** Refunds billing was asked for under this call id. */
    public long refunds(String callId) {
        return refunds().stream().filter(refund -> refund.callId().equals(callId)).count();
    }

    /** Forgets every key, balance, page, hold and request, and answers normally again. */
    public synchronized void reset() {
        keys.clear();
        balances.clear();
        reservedCredits.clear();
        balanceUpdatedAt.clear();
        usagePages.clear();
        holds.clear();
        received.clear();
        requests.set(0);
        down = false;
        downFor.clear();
        refundedCalls.clear();
        refusal = 0;
    }

    /** The lowercase hex SHA-256 digest of a key, as the gateway looks it up. */
    public static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // Reads the body once and puts it back, so the route that answers can read it again.
    private void record(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        exchange.setStreams(new ByteArrayInputStream(body), null);
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), headers, new String(body, StandardCharsets.UTF_8)));
    }

    private void answerGatewayRoute(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean get = "GET".equals(exchange.getRequestMethod());
        Matcher key = KEY.matcher(path);
        if (get && key.matches()) {
            ObjectNode lookup = keys.get(key.group(1));
            if (lookup == null) {
                send(exchange, 404, "{\"error_code\":\"key_not_found\",\"message\":\"Unknown API key\"}");
            } else {
                send(exchange, 200, json(lookup));
            }
            return;
        }
        Matcher balance = BALANCE.matcher(path);
        if (get && balance.matches()) {
            String account = balance.group(1);
            Integer credits = balances.get(account);
            if (credits == null) {
                accountNotFound(exchange);
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("credits", credits);
            body.put("reserved", reservedCredits.getOrDefault(account, 0));
            body.put("updated_at", balanceUpdatedAt.getOrDefault(account, Instant.now()).toString());
            send(exchange, 200, json(body));
            return;
        }
        Matcher usage = USAGE.matcher(path);
        if (get && usage.matches()) {
            String page = usagePages.get(usage.group(1));
            String query = exchange.getRequestURI().getQuery();
            if (page == null) {
                accountNotFound(exchange);
            } else if (query != null && query.contains("starting_after=" + UNKNOWN_CURSOR)) {
                send(exchange, 422, "{\"error_code\":\"invalid_request\",\"message\":\"The given data was invalid.\","
                        + "\"errors\":{\"starting_after\":[\"Unknown cursor.\"]}}");
            } else {
                send(exchange, 200, page);
            }
            return;
        }
        Matcher refund = REFUND.matcher(path);
        if ("POST".equals(exchange.getRequestMethod()) && refund.matches()) {
            refund(exchange, refund.group(1), refund.group(2));
            return;
        }
        send(exchange, 404, "{\"error_code\":\"not_found\",\"message\":\"no such route\"}");
    }

    // The stand-in settles no hold, so a valid refund answers what billing answers for a call without pending or
    // captured holds: zeros. Like billing, it remembers the call and refuses the call's later holds.
    private void refund(HttpExchange exchange, String accountId, String callId) throws IOException {
        Map<String, List<String>> errors = new TreeMap<>();
        if (!accountId.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            errors.put("account_id", List.of("The account_id must be a UUID."));
        }
        if (!CALL_ID.matcher(callId).matches()) {
            errors.put("call_id", List.of("The call_id must be call_ and 32 lowercase hex digits."));
        }
        String reason = reason(body(exchange));
        if (reason != null && !REASON.matcher(reason).matches()) {
            errors.put("reason", List.of("The reason must be 1 to 64 characters of a-z or '_'."));
        }
        if (!errors.isEmpty()) {
            Map<String, Object> refused = new LinkedHashMap<>();
            refused.put("error_code", "invalid_request");
            refused.put("message", "The given data was invalid.");
            refused.put("errors", errors);
            send(exchange, 422, json(refused));
            return;
        }
        refundedCalls.add(accountId + "/" + callId);
        Map<String, Object> settled = new LinkedHashMap<>();
        settled.put("call_id", callId);
        settled.put("voided", 0);
        settled.put("refunded", 0);
        settled.put("credits", 0);
        send(exchange, 200, json(settled));
    }

    // Billing's refusal of a caller without the service credential: its request id is the caller's when safe to echo.
    private static void unauthorized(HttpExchange exchange) throws IOException {
        String requestId = exchange.getRequestHeaders().getFirst(REQUEST_ID_HEADER);
        if (requestId == null || !SAFE_REQUEST_ID.matcher(requestId).matches()) {
            requestId = "req_" + UUID.randomUUID().toString().replace("-", "");
        }
        exchange.getResponseHeaders().set(REQUEST_ID_HEADER, requestId);
        Map<String, Object> refused = new LinkedHashMap<>();
        refused.put("error_code", "unauthorized");
        refused.put("message", "This internal route needs the service credential.");
        refused.put("request_id", requestId);
        send(exchange, 401, json(refused));
    }

    private static void accountNotFound(HttpExchange exchange) throws IOException {
        send(exchange, 404, "{\"error_code\":\"account_not_found\",\"message\":\"Account not found\"}");
    }

    // The reason a refund's body gives; null when it gives none (billing then records failed_to_client). A reason
    // that is not text is kept as its JSON, which the reason's pattern refuses as billing does.
    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode reason = JSON.readTree(body).path("reason");
            if (reason.isMissingNode() || reason.isNull()) {
                return null;
            }
            return reason.isTextual() ? reason.asText() : reason.toString();
        } catch (IOException e) {
            return body;
        }
    }
}

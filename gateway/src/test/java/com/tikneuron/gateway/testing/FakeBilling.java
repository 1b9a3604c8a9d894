package com.tikneuron.gateway.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tikneuron.gateway.testing.FakeService.Reply;

/** billing-service as contracts/billing-internal-api.yaml describes it: keys by digest, balances, usage pages. */
public final class FakeBilling {

    private static final Pattern KEY = Pattern.compile("/internal/v1/keys/([0-9a-f]{64})");
    private static final Pattern BALANCE = Pattern.compile("/internal/v1/accounts/([0-9a-f-]{36})/balance");
    private static final Pattern USAGE = Pattern.compile("/internal/v1/accounts/([0-9a-f-]{36})/usage");
    private static final Pattern REFUND = Pattern.compile(
            "/internal/v1/accounts/([0-9a-f-]{36})/calls/([A-Za-z0-9._:-]{1,128})/refund");
    private static final Pattern REASON = Pattern.compile("\\{\\s*\"reason\"\\s*:\\s*\"([a-z0-9_]{1,64})\"\\s*}");

    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final Map<String, String> balances = new ConcurrentHashMap<>();
    private final Map<String, String> usage = new ConcurrentHashMap<>();
    private volatile boolean down;

    /** Installs a fresh billing on the fake server. */
    public static FakeBilling install() {
        FakeBilling billing = new FakeBilling();
        Downstream.billing().answer(billing::answer);
        return billing;
    }

    /**
     * Registers a key and returns its account id. Ids derive from the key, so a key cached by the gateway in an
     * earlier test still names the same account.
     */
    public String key(String key, String mode, String status) {
        return key(key, mode, status,
                UUID.nameUUIDFromBytes(("account:" + key).getBytes(StandardCharsets.UTF_8)).toString());
    }

    /** Registers a key of a given account, such as a test key beside a live one. */
    public String key(String key, String mode, String status, String accountId) {
        String keyId = UUID.nameUUIDFromBytes(("key:" + key).getBytes(StandardCharsets.UTF_8)).toString();
        keys.put(digest(key), "{\"account_id\":\"" + accountId + "\",\"key_id\":\"" + keyId
                + "\",\"mode\":\"" + mode + "\",\"status\":\"" + status + "\"}");
        return accountId;
    }

    /** Gives the key's account a plan, carried in the key lookup as billing carries it. */
    public void plan(String key, long requestsPerMinute, long burst) {
        keys.computeIfPresent(digest(key), (digest, json) -> json.substring(0, json.length() - 1)
                + ",\"plan\":{\"requests_per_minute\":" + requestsPerMinute + ",\"burst\":" + burst
                + ",\"concurrent_jobs\":5}}");
    }

    public String activeKey(String key) {
        return key(key, "live", "active");
    }

    public void balance(String accountId, String json) {
        balances.put(accountId, json);
    }

    public void usage(String accountId, String json) {
        usage.put(accountId, json);
    }

    /** While down, every call answers 503 as a failing billing-service would. */
    public void down(boolean down) {
        this.down = down;
    }

    public long keyLookups(String key) {
        String path = "/internal/v1/keys/" + digest(key);
        return Downstream.billing().received(path).size();
    }

    /** A refund billing was asked for: whose account, which call, and the reason given. */
    public record Refund(String accountId, String callId, String reason) {
    }

    /** Every refund billing was asked for, in order of arrival (retries included). */
    public static List<Refund> refunds() {
        return Downstream.billing().received().stream()
                .filter(request -> "POST".equals(request.method()) && REFUND.matcher(request.path()).matches())
                .map(request -> {
                    Matcher path = REFUND.matcher(request.path());
                    path.matches();
                    Matcher reason = REASON.matcher(request.body());
                    return new Refund(path.group(1), path.group(2), reason.matches() ? reason.group(1) : null);
                })
                .toList();
    }

    /** Refunds billing was asked for under this call id. */
    public static long refunds(String callId) {
        return refunds().stream().filter(refund -> refund.callId().equals(callId)).count();
    }

    public static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply answer(FakeService.Received request) {
        if (down) {
            return Reply.json(503, "{\"error_code\":\"service_unavailable\",\"message\":\"down\"}");
        }
        Matcher key = KEY.matcher(request.path());
        if (key.matches()) {
            return found(keys.get(key.group(1)));
        }
        Matcher balance = BALANCE.matcher(request.path());
        if (balance.matches()) {
            return found(balances.get(balance.group(1)));
        }
        Matcher refund = REFUND.matcher(request.path());
        if (refund.matches()) {
            if (!"POST".equals(request.method()) || !REASON.matcher(request.body()).matches()) {
                return Reply.json(422, "{\"error_code\":\"invalid_request\",\"message\":\"Invalid refund\"}");
            }
            return Reply.json(200, "{\"call_id\":\"" + refund.group(2) + "\",\"voided\":0,\"refunded\":1,\"credits\":1}");
        }
        Matcher usagePage = USAGE.matcher(request.path());
        if (usagePage.matches()) {
            if (request.query() != null && request.query().contains("starting_after=unknown")) {
                return Reply.json(422, "{\"error_code\":\"invalid_request\",\"message\":\"Unknown cursor\"}");
            }
            return found(usage.get(usagePage.group(1)));
        }
        return Reply.json(404, "{\"error_code\":\"not_found\",\"message\":\"Not found\"}");
    }

    private static Reply found(String json) {
        return json == null
                ? Reply.json(404, "{\"error_code\":\"not_found\",\"message\":\"Not found\"}")
                : Reply.json(200, json);
    }
}

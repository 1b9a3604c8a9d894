package com.tikneuron.summary.rest;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Call ids: the gateway's unguessable id of one forwarded call (header {@code X-Call-Id}), which keys the hold and
 * the settlement events of that call. Refunds are asked for by call id, so the id must never be one a client chose:
 * X-Request-Id stays a correlation id only.
 */
public final class CallIds {

    /** Header the gateway sends with every call it forwards. */
    public static final String HEADER = "X-Call-Id";

    /** {@code call_} and 128 random bits in lowercase hex, as the gateway makes them. */
    public static final Pattern SHAPE = Pattern.compile("call_[0-9a-f]{32}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private CallIds() {
    }

    /** The gateway's call id when it has the shape; otherwise (a direct call, a malformed header) a fresh one. */
    public static String acceptOrCreate(String candidate) {
        if (candidate != null && SHAPE.matcher(candidate).matches()) {
            return candidate;
        }
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return "call_" + HexFormat.of().formatHex(bits);
    }
}

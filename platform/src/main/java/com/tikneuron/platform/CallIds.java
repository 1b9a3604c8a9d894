package com.tikneuron.platform;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Call ids: the gateway's unguessable name for one forwarded call ({@code X-Call-Id}), which keys the call's hold
 * and settlement events. Billing refunds by it, so it must never be a value the client chose: the client's
 * {@code X-Request-Id} is only a correlation id.
 */
public final class CallIds {

    /** Header the gateway sends with every call it forwards. */
    public static final String HEADER = "X-Call-Id";

    private static final Pattern SHAPE = Pattern.compile("call_[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private CallIds() {
    }

    /** The gateway's id when it has the gateway's shape, otherwise a fresh one: never anything else a caller sent. */
    public static String acceptOrCreate(String candidate) {
        return isCallId(candidate) ? candidate : create();
    }

    /** True when the value has the shape of the ids the gateway makes. */
    public static boolean isCallId(String candidate) {
        return candidate != null && SHAPE.matcher(candidate).matches();
    }

    /** A fresh id: {@code call_} and 128 random bits as 32 lowercase hex digits. */
    public static String create() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return "call_" + HEX.formatHex(bits);
    }
}

package com.tikneuron.gateway.client;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * One validated request on its way to a capability service: who asks, under which ids, and the body to send.
 * {@code requestId} is the caller's correlation id; {@code callId} is the gateway's own id of this one call.
 */
public record CapabilityCall(String accountId, String keyMode, String requestId, String callId, String idempotencyKey,
        byte[] body) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The same request under a fresh call id, made once for every call actually forwarded. */
    public static CapabilityCall of(String accountId, String keyMode, String requestId, String idempotencyKey,
            byte[] body) {
        return new CapabilityCall(accountId, keyMode, requestId, newCallId(), idempotencyKey, body);
    }

    /**
     * {@code call_} and 128 random bits in lowercase hex. Holds and refunds are keyed by it, so it must be one no
     * client can choose or guess: a client that could name another call could have it refunded.
     */
    static String newCallId() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return "call_" + HexFormat.of().formatHex(bits);
    }
}

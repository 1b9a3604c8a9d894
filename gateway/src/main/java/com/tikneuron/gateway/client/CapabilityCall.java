package com.tikneuron.gateway.client;

import com.tikneuron.platform.CallIds;

/**
 * One validated request on its way to a capability service: who asks, under which ids, and the body to send.
 * {@code requestId} is the caller's correlation id; {@code callId} is the gateway's own id of this one call.
 */
public record CapabilityCall(String accountId, String keyMode, String requestId, String callId, String idempotencyKey,
        byte[] body) {

    /** The same request under a fresh call id, made once for every call actually forwarded. */
    public static CapabilityCall of(String accountId, String keyMode, String requestId, String idempotencyKey,
            byte[] body) {
        // Holds and refunds are keyed by it, so no client may choose or guess it (platform's CallIds).
        return new CapabilityCall(accountId, keyMode, requestId, CallIds.create(), idempotencyKey, body);
    }
}

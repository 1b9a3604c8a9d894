package com.tikneuron.gateway.client;

/** One validated request on its way to a capability service: who asks, under which ids, and the body to send. */
public record CapabilityCall(String accountId, String keyMode, String requestId, String idempotencyKey, byte[] body) {
}

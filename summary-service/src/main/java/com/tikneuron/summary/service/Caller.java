package com.tikneuron.summary.service;

/**
 * Who asks, as the gateway vouched for it: the account, the key's mode (live or test) and the call id, which keys
 * the hold and the settlement events. The client's request id is only a correlation id: logs and error bodies
 * take it from the request itself, and the hold and settlement events carry it as {@code correlationId} so the
 * customer's usage history names the call as the customer knows it.
 */
public record Caller(String accountId, String mode, String callId, String correlationId) {
}

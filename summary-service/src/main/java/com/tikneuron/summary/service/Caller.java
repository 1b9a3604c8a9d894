package com.tikneuron.summary.service;

/**
 * Who asks, as the gateway vouched for it: the account, the key's mode (live or test) and the call id, which keys
 * the hold and the settlement events. The client's request id is only a correlation id: logs and error bodies
 * take it from the request itself.
 */
public record Caller(String accountId, String mode, String callId) {
}

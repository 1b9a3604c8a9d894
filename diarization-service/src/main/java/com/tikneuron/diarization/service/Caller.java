package com.tikneuron.diarization.service;

/**
 * Who asks, as the gateway vouched for it: the account, the key's mode (live or test), the request id (correlation
 * only: logs, headers to subtitle-service, error bodies, and the correlation id of the hold and settlement events,
 * which the customer's usage history shows) and the call id (keys the hold and the settlement events).
 */
public record Caller(String accountId, String mode, String requestId, String callId) {
}

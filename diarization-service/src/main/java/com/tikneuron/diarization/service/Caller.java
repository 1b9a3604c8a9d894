package com.tikneuron.diarization.service;

/** Who asks, as the gateway vouched for it: the account, the key's mode (live or test) and the request id. */
public record Caller(String accountId, String mode, String requestId) {
}

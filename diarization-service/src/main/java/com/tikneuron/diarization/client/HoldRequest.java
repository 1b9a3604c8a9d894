package com.tikneuron.diarization.client;

/** Body of billing's POST /internal/v1/holds. */
public record HoldRequest(String holdId, String accountId, int amount, String capability, String videoId,
        String requestId, String mode) {
}

package com.tikneuron.diarization.client;

/** A hold billing made: the credits reserved and the account's available credits after it. */
public record Hold(String holdId, String accountId, String status, int amount, String mode, String expiresAt,
        int credits, int reserved) {
}

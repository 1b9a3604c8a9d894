package com.tikneuron.paid.billing;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A hold billing made: the credits reserved and the account's available credits after it. */
@RegisterForReflection
public record Hold(String holdId, String accountId, String status, int amount, String mode, String expiresAt,
        int credits, int reserved) {
}

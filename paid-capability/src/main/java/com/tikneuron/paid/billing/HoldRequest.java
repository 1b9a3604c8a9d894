package com.tikneuron.paid.billing;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of billing's POST /internal/v1/holds: {@code requestId} is the call id that keys the hold, {@code correlationId}
 * the caller's X-Request-Id, which billing only shows in the usage history.
 */
@RegisterForReflection
public record HoldRequest(String holdId, String accountId, int amount, String capability, String videoId,
        String requestId, String correlationId, String mode) {
}

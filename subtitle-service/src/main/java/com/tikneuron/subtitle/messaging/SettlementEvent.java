package com.tikneuron.subtitle.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An event on topic billing.settlements (contracts/events/settlement-event.schema.json), version 1: {@code requestId}
 * is the call id, {@code correlationId} the caller's X-Request-Id.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SettlementEvent(String eventId, String type, int version, String holdId, String accountId, int amount,
        String capability, String videoId, String requestId, String correlationId, String mode, String reason,
        String occurredAt) {
}

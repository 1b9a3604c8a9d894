package com.tikneuron.diarization.messaging;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A settlement event on billing.settlements (contracts/events/settlement-event.schema.json, version 1). */
@RegisterForReflection
public record SettlementEvent(String eventId, String type, int version, String holdId, String accountId, int amount,
        String capability, String videoId, String requestId, String mode, String reason, String occurredAt) {
}

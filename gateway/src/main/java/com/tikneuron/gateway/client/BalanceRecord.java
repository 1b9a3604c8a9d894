package com.tikneuron.gateway.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An account's balance as billing-service reports it. */
public record BalanceRecord(long credits, long reserved, @JsonProperty("updated_at") String updatedAt) {
}

package com.tikneuron.gateway.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.tikneuron.gateway.client.BalanceRecord;

/** Public body of GET /api/v1/account/credits. */
@JsonPropertyOrder({ "object", "credits", "reserved", "updated_at" })
public record CreditBalance(String object, long credits, long reserved, @JsonProperty("updated_at") String updatedAt) {

    static CreditBalance of(BalanceRecord balance) {
        return new CreditBalance("credit_balance", balance.credits(), balance.reserved(), balance.updatedAt());
    }
}

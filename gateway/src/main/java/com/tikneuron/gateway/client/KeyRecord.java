package com.tikneuron.gateway.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** billing-service's view of an API key. */
public record KeyRecord(
        @JsonProperty("account_id") String accountId,
        @JsonProperty("key_id") String keyId,
        String mode,
        String status) {

    public boolean active() {
        return "active".equals(status);
    }
}

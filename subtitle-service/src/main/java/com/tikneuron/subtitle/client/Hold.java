package com.tikneuron.subtitle.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A hold as billing returns it; {@code credits} is the account's available balance after the hold. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Hold(String holdId, String accountId, String status, int amount, String mode, Integer credits, Integer reserved) {
}

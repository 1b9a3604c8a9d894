package com.tikneuron.gateway.auth;

/** The authenticated owner of a request: whose credits, which key, live or test. */
public record Caller(String accountId, String keyId, String mode) {
}

package com.tikneuron.gateway.auth;

/**
 * The authenticated owner of a request: whose credits, which key, live or test, and the account plan's request
 * rate and burst (0 when the key lookup carried no plan: the gateway's defaults apply).
 */
public record Caller(String accountId, String keyId, String mode, long requestsPerMinute, long burst) {

    /** A caller without a plan of its own. */
    public Caller(String accountId, String keyId, String mode) {
        this(accountId, keyId, mode, 0, 0);
    }
}

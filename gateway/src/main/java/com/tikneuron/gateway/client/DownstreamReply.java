package com.tikneuron.gateway.client;

/**
 * The answer to a capability request as the gateway relays it: status, body bytes and the credit headers; sample is
 * set when the gateway answered a test key itself instead of a capability service.
 */
public record DownstreamReply(int status, String contentType, String creditsCharged, String creditsRemaining,
        byte[] body, boolean sample) {

    /** A capability service's own answer. */
    public DownstreamReply(int status, String contentType, String creditsCharged, String creditsRemaining,
            byte[] body) {
        this(status, contentType, creditsCharged, creditsRemaining, body, false);
    }
}

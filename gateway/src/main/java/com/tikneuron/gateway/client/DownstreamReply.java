package com.tikneuron.gateway.client;

/** A capability service's answer as the gateway relays it: status, body bytes and the credit headers. */
public record DownstreamReply(int status, String contentType, String creditsCharged, String creditsRemaining,
        byte[] body) {
}

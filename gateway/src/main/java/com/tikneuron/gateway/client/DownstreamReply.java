package com.tikneuron.gateway.client;

import jakarta.ws.rs.core.Response;

/** A capability service's answer as the gateway relays it: status, body bytes and the credit headers. */
public record DownstreamReply(int status, String contentType, String creditsCharged, String creditsRemaining,
        byte[] body) {

    /**
     * Reads a response, failing on 5xx so that the circuit breaker counts it and the caller gets the gateway's
     * own 503 rather than an internal error page.
     */
    static DownstreamReply of(String service, Response response) {
        try {
            int status = response.getStatus();
            if (status >= 500) {
                throw new DownstreamFailureException(service, status);
            }
            byte[] body = response.hasEntity() ? response.readEntity(byte[].class) : new byte[0];
            return new DownstreamReply(status, response.getHeaderString("Content-Type"),
                    response.getHeaderString(CapabilityHeaders.CREDITS_CHARGED),
                    response.getHeaderString(CapabilityHeaders.CREDITS_REMAINING), body);
        } finally {
            response.close();
        }
    }
}

package com.tikneuron.platform;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Sends the service credential on an outbound REST client call. Registered only on clients of our own services
 * ({@code @RegisterProvider(ServiceCredentialClientFilter.class)}), never globally: the credential must not reach
 * TikTok, an LLM or a speech server.
 */
public class ServiceCredentialClientFilter implements ClientRequestFilter {

    private final String credential = ServiceCredentials.fromConfig().current();

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(ServiceCredentials.HEADER, credential);
    }
}

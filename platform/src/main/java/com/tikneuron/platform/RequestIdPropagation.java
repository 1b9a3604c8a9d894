package com.tikneuron.platform;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** Sends the request id being served on every outbound REST client call, so one id follows a request across services. */
@Provider
public class RequestIdPropagation implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getHeaderString(RequestIds.HEADER) == null) {
            String id = RequestIds.current();
            if (id != null) {
                request.getHeaders().putSingle(RequestIds.HEADER, id);
            }
        }
    }
}

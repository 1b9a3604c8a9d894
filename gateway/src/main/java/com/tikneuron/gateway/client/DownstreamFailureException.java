package com.tikneuron.gateway.client;

/** A capability service answered with a server error. */
public class DownstreamFailureException extends RuntimeException {

    public DownstreamFailureException(String service, int status) {
        super(service + " answered " + status, null, false, false);
    }
}

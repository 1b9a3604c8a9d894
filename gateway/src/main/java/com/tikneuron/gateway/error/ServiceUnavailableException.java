package com.tikneuron.gateway.error;

/** A downstream service is down, too slow, saturated or behind an open circuit breaker. */
public class ServiceUnavailableException extends RuntimeException {

    private final String service;

    public ServiceUnavailableException(String service, Throwable cause) {
        super(service + " is unavailable", cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}

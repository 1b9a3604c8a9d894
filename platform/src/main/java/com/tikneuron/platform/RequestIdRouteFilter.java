package com.tikneuron.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every incoming HTTP call a request id before any route runs (REST resources, health, metrics alike):
 * the caller's when it is safe to echo, a new one otherwise. The id goes into the logging context and back
 * on the response.
 */
@ApplicationScoped
public class RequestIdRouteFilter {

    /** Key under which the id is kept on the routing context. */
    public static final String CONTEXT_KEY = "tikneuron.requestId";

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::assign);
    }

    private void assign(RoutingContext context) {
        String id = RequestIds.acceptOrCreate(context.request().getHeader(RequestIds.HEADER));
        context.request().headers().set(RequestIds.HEADER, id);
        context.put(CONTEXT_KEY, id);
        MDC.put(RequestIds.MDC_KEY, id);
        context.addHeadersEndHandler(ignored -> context.response().headers().set(RequestIds.HEADER, id));
        context.next();
    }
}

package com.tikneuron.platform;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, with 401, every call to an internal route that does not present the service credential. The routes are
 * the path prefixes in {@code tikneuron.service-credential.protected-paths}: a service that lists none (the gateway)
 * protects nothing and needs no credential to start; one that lists any refuses to start without a credential.
 * Health and metrics are served on the management port, which this filter never sees.
 */
@ApplicationScoped
public class ServiceCredentialRouteFilter {

    private static final Logger LOG = Logger.getLogger(ServiceCredentialRouteFilter.class);

    private final List<String> protectedPaths;

    ServiceCredentialRouteFilter(
            @ConfigProperty(name = "tikneuron.service-credential.protected-paths") Optional<List<String>> protectedPaths) {
        this.protectedPaths = protectedPaths.orElse(List.of()).stream().map(String::trim).filter(p -> !p.isEmpty())
                .toList();
    }

    void register(@Observes Router router) {
        if (protectedPaths.isEmpty()) {
            return;
        }
        ServiceCredentials credentials = ServiceCredentials.fromConfig();
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> check(context, credentials));
    }

    private void check(RoutingContext context, ServiceCredentials credentials) {
        String path = canonical(context.normalizedPath());
        if (!isProtected(path) || credentials.accepts(context.request().getHeader(ServiceCredentials.HEADER))) {
            context.next();
            return;
        }
        LOG.warnf("refused %s %s: no valid service credential", context.request().method(), path);
        String requestId = context.get(RequestIdRouteFilter.CONTEXT_KEY);
        JsonObject body = new JsonObject()
                .put("error_code", "unauthorized")
                .put("message", "This internal route needs the service credential.")
                .put("request_id", requestId);
        context.response().setStatusCode(401)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.encode());
    }

    /**
     * The path as the REST layer matches it: Vert.x has already removed dot segments, doubled slashes and needless
     * percent-encoding, but keeps matrix parameters, which the REST layer drops from each segment before it picks a
     * resource. So {@code /internal;x/v1/holds} is served as {@code /internal/v1/holds}, and must be checked as such.
     */
    static String canonical(String normalizedPath) {
        if (normalizedPath.indexOf(';') < 0) {
            return normalizedPath;
        }
        StringBuilder path = new StringBuilder(normalizedPath.length());
        int start = 0;
        while (true) {
            int slash = normalizedPath.indexOf('/', start);
            String segment = normalizedPath.substring(start, slash < 0 ? normalizedPath.length() : slash);
            int matrix = segment.indexOf(';');
            path.append(matrix < 0 ? segment : segment.substring(0, matrix));
            if (slash < 0) {
                return path.toString();
            }
            path.append('/');
            start = slash + 1;
        }
    }

    private boolean isProtected(String path) {
        for (String prefix : protectedPaths) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}

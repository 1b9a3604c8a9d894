package com.tikneuron.billing.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.tikneuron.billing.config.BillingConfig;
import com.tikneuron.billing.service.KeyService;
import com.tikneuron.platform.RequestIds;

/**
 * Guards /admin with the operator token of TIKNEURON_ADMIN_TOKEN, compared in constant time; with no token
 * configured every admin call is refused.
 */
public class AdminTokenFilter {

    private final Optional<byte[]> expectedDigest;

    public AdminTokenFilter(BillingConfig config) {
        this.expectedDigest = config.adminToken().filter(token -> !token.isBlank())
                .map(token -> KeyService.digest(token).getBytes(StandardCharsets.US_ASCII));
    }

    @ServerRequestFilter
    public Optional<Response> checkAdminToken(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/admin/")) {
            return Optional.empty();
        }
        if (expectedDigest.isEmpty()) {
            return Optional.of(refuse(Response.Status.FORBIDDEN, "admin_disabled",
                    "The admin API is disabled: no admin token is configured"));
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
        byte[] given = KeyService.digest(token).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, expectedDigest.get())) {
            return Optional.of(refuse(Response.Status.UNAUTHORIZED, "unauthorized", "Missing or invalid admin token"));
        }
        return Optional.empty();
    }

    private static Response refuse(Response.Status status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, message, null, RequestIds.current()))
                .build();
    }
}

package com.tikneuron.gateway.rest;

import org.jboss.logging.Logger;

import com.tikneuron.gateway.error.InvalidApiKeyException;
import com.tikneuron.gateway.error.InvalidDataException;
import com.tikneuron.gateway.error.RateLimitedException;
import com.tikneuron.gateway.error.RejectedRequestException;
import com.tikneuron.gateway.error.ServiceUnavailableException;

/**
 * The public answer to every failure of a public route: status, body and, for 429, the seconds to wait. One
 * place for both the REST resources (through ExceptionMappers) and the forwarding routes.
 */
final class ErrorReplies {

    private static final Logger LOG = Logger.getLogger(ErrorReplies.class);

    /** A failure as the caller sees it; retryAfterSeconds is 0 unless the caller must wait. */
    record ErrorReply(int status, Object body, long retryAfterSeconds) {
    }

    private ErrorReplies() {
    }

    static ErrorReply of(Throwable failure, String requestId) {
        return switch (failure) {
            case InvalidApiKeyException e -> new ErrorReply(401, ErrorBodies.InvalidApiKey.of(requestId), 0);
            case InvalidDataException e -> new ErrorReply(422, ErrorBodies.InvalidData.of(e.errors(), requestId), 0);
            case RejectedRequestException e -> new ErrorReply(e.status(),
                    new ErrorBodies.Error(e.errorCode(), e.getMessage(), requestId), 0);
            case RateLimitedException e -> new ErrorReply(429, new ErrorBodies.Error("rate_limited",
                    "Too many requests. Retry after " + e.retryAfterSeconds() + " seconds.", requestId),
                    e.retryAfterSeconds());
            case ServiceUnavailableException e -> {
                LOG.warnf("%s unavailable: %s", e.service(), e.getCause() == null ? "" : e.getCause().toString());
                yield new ErrorReply(503, new ErrorBodies.Error("service_unavailable",
                        "The " + e.service() + " is temporarily unavailable. Please retry later.", requestId), 0);
            }
            default -> unexpected(failure, requestId);
        };
    }

    static ErrorReply unexpected(Throwable failure, String requestId) {
        LOG.error("Unexpected failure", failure);
        return new ErrorReply(500, new ErrorBodies.Error("internal_error", "Something went wrong on our side.",
                requestId), 0);
    }
}

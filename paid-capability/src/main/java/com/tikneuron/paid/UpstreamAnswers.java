package com.tikneuron.paid;

import jakarta.ws.rs.core.Response;

/** How a client of one of our internal APIs reads an error answer: an outage or a definite "no". */
public final class UpstreamAnswers {

    public static final String PROCESSING_FAILED = "processing_failed";

    private UpstreamAnswers() {
    }

    /** True for the statuses that say the service is in trouble rather than "no": 5xx, 429 and 408. */
    public static boolean outage(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    /**
     * The failure an error answer of {@code service} stands for: an {@link UpstreamException} for an outage, else an
     * {@link UpstreamRejectedException} with the body's error code and message ({@code processing_failed} and
     * {@code refusal} when the body has none, e.g. a proxy's page).
     */
    public static RuntimeException failure(Response response, String service, String refusal) {
        int status = response.getStatus();
        if (outage(status)) {
            return new UpstreamException(service + " answered HTTP " + status);
        }
        ErrorBody body = ErrorBody.of(response);
        return new UpstreamRejectedException(status, body.errorCode() == null ? PROCESSING_FAILED : body.errorCode(),
                body.message() == null ? refusal : body.message());
    }
}

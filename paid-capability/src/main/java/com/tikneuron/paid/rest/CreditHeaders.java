package com.tikneuron.paid.rest;

import org.jboss.resteasy.reactive.RestResponse;

import com.tikneuron.paid.Settled;

/** The credit headers on every capability answer (contracts/capability-api.md). */
public final class CreditHeaders {

    public static final String CHARGED = "X-Credits-Charged";
    public static final String REMAINING = "X-Credits-Remaining";

    private CreditHeaders() {
    }

    /** A 200 with the body and what the request cost: X-Credits-Charged always, X-Credits-Remaining after a hold. */
    public static <T> RestResponse<T> ok(T body, Settled<?> settled) {
        return ok(body, settled.creditsCharged(), settled.creditsRemaining());
    }

    /** The same from the numbers: {@code remaining} is null when no hold was made (a cached answer). */
    public static <T> RestResponse<T> ok(T body, int charged, Integer remaining) {
        var response = RestResponse.ResponseBuilder.ok(body).header(CHARGED, charged);
        if (remaining != null) {
            response.header(REMAINING, remaining);
        }
        return response.build();
    }
}

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
        var response = RestResponse.ResponseBuilder.ok(body).header(CHARGED, settled.creditsCharged());
        if (settled.creditsRemaining() != null) {
            response.header(REMAINING, settled.creditsRemaining());
        }
        return response.build();
    }
}

package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The account routes answer from billing in the public shapes. */
@QuarkusTest
@QuarkusTestResource(Downstream.class)
class AccountResourceTest {

    private static final String KEY = "tn_live_account_routes_0001";

    private BillingStandIn billing;
    private String accountId;

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        billing = Downstream.billing();
        accountId = billing.activeKey(KEY);
    }

    @Test
    void creditsAnswerTheBalanceObject() {
        billing.balance(accountId, 42, 3, Instant.parse("2026-11-21T10:00:00Z"));

        HttpResponse<String> response = Http.get("/api/v1/account/credits", "API-KEY", KEY);

        assertEquals(200, response.statusCode());
        assertEquals("{\"object\":\"credit_balance\",\"credits\":42,\"reserved\":3,"
                + "\"updated_at\":\"2026-11-21T10:00:00Z\"}", response.body());
        assertTrue(response.headers().firstValue("X-RateLimit-Remaining").isPresent());
    }

    @Test
    void creditsWithoutKeyGet401() {
        HttpResponse<String> response = Http.get("/api/v1/account/credits");

        assertEquals(401, response.statusCode());
        assertEquals("{\"success\":false,\"error\":\"Invalid API Key\",\"request_id\":\"" + Http.requestId(response)
                + "\"}", response.body());
    }

    @Test
    void usageIsRelayedNewestFirstWithCursorAndLimit() {
        billing.usage(accountId, "{\"object\":\"list\",\"data\":[{\"id\":\"u_2\",\"created_at\":\"2026-11-21T10:01:00Z\","
                + "\"capability\":\"summary\",\"video_id\":\"7354861484037524768\",\"credits\":0,\"status\":\"free-cached\","
                + "\"mode\":\"live\",\"request_id\":\"req-2\"},{\"id\":\"u_1\",\"created_at\":\"2026-11-21T10:00:00Z\","
                + "\"capability\":\"subtitle\",\"video_id\":\"7354861484037524768\",\"credits\":1,\"status\":\"charged\","
                + "\"mode\":\"live\",\"request_id\":\"req-1\"}],\"has_more\":true}");

        HttpResponse<String> response = Http.get("/api/v1/account/usage?limit=2&starting_after=u_3", "API-KEY", KEY);

        assertEquals(200, response.statusCode());
        assertEquals("{\"object\":\"list\",\"data\":[{\"id\":\"u_2\",\"created_at\":\"2026-11-21T10:01:00Z\","
                + "\"capability\":\"summary\",\"video_id\":\"7354861484037524768\",\"credits\":0,\"status\":\"free-cached\","
                + "\"mode\":\"live\",\"request_id\":\"req-2\"},{\"id\":\"u_1\",\"created_at\":\"2026-11-21T10:00:00Z\","
                + "\"capability\":\"subtitle\",\"video_id\":\"7354861484037524768\",\"credits\":1,\"status\":\"charged\","
                + "\"mode\":\"live\",\"request_id\":\"req-1\"}],\"has_more\":true}", response.body());
        String query = Downstream.billing().received("/internal/v1/accounts/" + accountId + "/usage").get(0).query();
        assertTrue(query.contains("limit=2"), query);
        assertTrue(query.contains("starting_after=u_3"), query);
    }

    @Test
    void usageLimitOutsideOneToHundredGets422() {
        for (String limit : new String[] { "0", "101", "abc", "-5" }) {
            HttpResponse<String> response = Http.get("/api/v1/account/usage?limit=" + limit, "API-KEY", KEY);

            assertEquals(422, response.statusCode(), limit);
            assertEquals("{\"message\":\"The given data was invalid.\",\"errors\":{\"limit\":[\"The limit must be an "
                    + "integer between 1 and 100.\"]},\"request_id\":\"" + Http.requestId(response) + "\"}",
                    response.body());
        }
        assertTrue(Downstream.billing().received().stream().noneMatch(r -> r.path().endsWith("/usage")));
    }

    @Test
    void cursorBillingDoesNotKnowGets422() {
        billing.usage(accountId, "{\"object\":\"list\",\"data\":[],\"has_more\":false}");

        HttpResponse<String> response = Http.get("/api/v1/account/usage?starting_after=" + BillingStandIn.UNKNOWN_CURSOR,
                "API-KEY", KEY);

        assertEquals(422, response.statusCode());
        assertEquals("{\"message\":\"The given data was invalid.\",\"errors\":{\"starting_after\":[\"The "
                + "starting_after cursor is not valid.\"]},\"request_id\":\"" + Http.requestId(response) + "\"}",
                response.body());
    }
}

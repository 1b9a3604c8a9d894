package com.tikneuron.gateway.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.Seed;
import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Holds and refunds are keyed by an id the gateway makes for every forwarded call, never by the X-Request-Id a
 * client chooses: a client repeating a request id cannot get an earlier, successful call refunded.
 */
@QuarkusTest
@QuarkusTestResource(Downstream.class)
class CallIdTest {

    private static final Pattern CALL_ID = Pattern.compile("call_[0-9a-f]{32}");
    private static final String KEY = "tn_live_call_id_0001";
    private static final String OTHER_KEY = "tn_live_call_id_0002";

    private String accountId;

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        BillingStandIn billing = Downstream.billing();
        accountId = billing.activeKey(KEY);
        billing.activeKey(OTHER_KEY);
    }

    @Test
    void refundOfAFailedCallNamesTheCallersAccountAndTheGatewaysOwnCallIdNotTheClientsRequestId() {
        AtomicInteger calls = new AtomicInteger();
        Downstream.subtitle().answer(request -> calls.incrementAndGet() <= 2
                ? Reply.json(200, Seed.SUBTITLE_RESPONSE).withHeader("X-Credits-Charged", "1")
                : Reply.json(500, "{\"error_code\":\"internal_error\",\"message\":\"failed\"}"));
        List<HttpResponse<String>> answers = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            answers.add(Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE, "Content-Type", "application/json",
                    "API-KEY", KEY, "X-Request-Id", "x1"));
        }

        assertEquals(List.of(200, 200, 503), answers.stream().map(HttpResponse::statusCode).toList());
        answers.forEach(answer -> assertEquals("x1", Http.requestId(answer), "the client's id stays its correlation id"));
        List<FakeService.Received> forwarded = Downstream.subtitle().received();
        assertEquals(3, forwarded.size());
        forwarded.forEach(call -> assertEquals("x1", call.header("X-Request-Id")));
        String failedCall = forwarded.get(2).header("X-Call-Id");
        assertTrue(failedCall != null && CALL_ID.matcher(failedCall).matches(), "call id: " + failedCall);
        assertNotEquals(forwarded.get(0).header("X-Call-Id"), failedCall);
        assertNotEquals(forwarded.get(1).header("X-Call-Id"), failedCall);

        await().atMost(Duration.ofSeconds(10)).until(() -> !Downstream.billing().refunds().isEmpty());
        List<BillingStandIn.Refund> refunds = Downstream.billing().refunds();
        assertEquals(List.of(new BillingStandIn.Refund(accountId, failedCall, "failed_to_client")), refunds);
        assertTrue(Downstream.billing().received().stream().noneMatch(request -> request.path().contains("x1")),
                "the client's request id never reaches billing");
    }

    @Test
    void everyForwardedCallGetsItsOwnCallIdWhateverRequestIdTheClientSends() {
        Downstream.summary().answer(request -> Reply.json(200, Seed.SUMMARY_RESPONSE));

        for (String key : new String[] { KEY, OTHER_KEY, KEY }) {
            assertEquals(200, Http.post("/api/v1/tiktok/summarize", Seed.CURL_SUMMARIZE, "Content-Type",
                    "application/json", "API-KEY", key, "X-Request-Id", "x1")
                    .statusCode());
        }
        assertEquals(200, Http.post("/api/v1/tiktok/summarize", Seed.CURL_SUMMARIZE, "Content-Type",
                "application/json", "API-KEY", KEY, "X-Call-Id", "call_0123456789abcdef0123456789abcdef").statusCode());

        List<String> callIds = Downstream.summary().received().stream().map(call -> call.header("X-Call-Id")).toList();
        assertEquals(4, callIds.size());
        callIds.forEach(id -> assertTrue(id != null && CALL_ID.matcher(id).matches(), "call id: " + id));
        assertEquals(4, new HashSet<>(callIds).size(), "fresh for every call: " + callIds);
        assertTrue(callIds.stream().noneMatch("call_0123456789abcdef0123456789abcdef"::equals),
                "a call id the client sends is never taken");
    }
}

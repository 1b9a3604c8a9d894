package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.Seed;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The gateway's meters show up in /q/metrics on the management port under tikneuron_gateway_… names. */
@QuarkusTest
@QuarkusTestResource(Downstream.class)
class MetricsTest {

    // Relative to the management root (/q): the port differs from the API port and is picked at random.

    private static final String KEY = "tn_live_metrics_0001";

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        Downstream.billing().activeKey(KEY);
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));
    }

    @Test
    void requestsAuthFailuresAndDownstreamLatencyAreCounted() {
        Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE, "Content-Type", "application/json", "API-KEY", KEY);
        Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE, "Content-Type", "application/json",
                "API-KEY", "tn_live_metrics_unknown");
        Http.post("/api/v1/tiktok/subtitle", Seed.CURL_SUBTITLE, "Content-Type", "application/json");

        String metrics = Http.getManagement("/q/metrics").body();

        assertTrue(metrics.contains("tikneuron_gateway_requests_total{route=\"/api/v1/tiktok/subtitle\",status=\"200\"}"),
                metrics);
        assertTrue(metrics.contains("tikneuron_gateway_requests_total{route=\"/api/v1/tiktok/subtitle\",status=\"401\"}"));
        assertTrue(metrics.contains("tikneuron_gateway_auth_failures_total{reason=\"unknown\"}"));
        assertTrue(metrics.contains("tikneuron_gateway_auth_failures_total{reason=\"missing\"}"));
        assertTrue(metrics.contains("tikneuron_gateway_downstream_seconds_count{service=\"subtitle-service\"}"));
        assertTrue(metrics.contains("tikneuron_gateway_downstream_seconds_count{service=\"billing-service\"}"));
        assertEquals(404, Http.get("/q/metrics").statusCode(), "metrics are not served on the API port");
    }
}

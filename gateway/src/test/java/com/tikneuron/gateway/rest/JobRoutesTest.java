package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService.Received;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.Http;
import com.tikneuron.gateway.testing.JobsDownstream;
import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The jobs API goes to jobs-service after the gateway has checked the key: the account and key mode it sends are the
 * key's, never the client's; inputs are validated as the synchronous endpoints validate their bodies.
 */
@QuarkusTest
@QuarkusTestResource(Downstream.class)
@QuarkusTestResource(JobsDownstream.class)
class JobRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIVE_KEY = "tn_live_jobs_routes_0001";
    private static final String TEST_KEY = "tn_test_jobs_routes_0001";
    private static final String VIDEO = "https://www.tiktok.com/@creator/video/7354861484037524768";
    private static final String CREDENTIAL = "test-profile-service-credential-not-a-secret";

    private String account;
    private String testAccount;

    @BeforeEach
    void setUp() {
        Downstream.resetAll();
        JobsDownstream.jobs().reset();
        BillingStandIn billing = Downstream.billing();
        account = billing.activeKey(LIVE_KEY);
        testAccount = billing.key(TEST_KEY, "test", "active");
        JobsDownstream.jobs().answer(request -> Reply.json(202, "{\"id\":\"job_0123456789abcdef0123456789abcdef\","
                + "\"object\":\"job\",\"status\":\"queued\"}"));
    }

    @Test
    void aJobIsForwardedWithTheKeysAccountAndItsInputCompletedWithDefaults() throws Exception {
        HttpResponse<String> response = Http.post("/api/v1/jobs", "{\"type\":\"subtitle\",\"input\":{\"url\":\"" + VIDEO
                + "\"},\"metadata\":{\"campaign\":\"q2\"},\"sample_result\":{\"forged\":true},\"account_id\":\"x\"}",
                "API-KEY", LIVE_KEY, "Content-Type", "application/json", "X-Account-Id", "someone-else");
        assertEquals(202, response.statusCode());
        assertEquals("queued", JSON.readTree(response.body()).path("status").asText());

        Received forwarded = JobsDownstream.jobs().received("/api/v1/jobs").get(0);
        assertEquals(account, forwarded.header("X-Account-Id"));
        assertEquals("live", forwarded.header("X-Key-Mode"));
        assertEquals(CREDENTIAL, forwarded.header("X-Service-Credential"));
        assertEquals(Http.requestId(response), forwarded.header("X-Request-Id"));
        JsonNode body = JSON.readTree(forwarded.body());
        assertEquals("raw", body.path("input").path("format").asText(), "the endpoint's default is filled in");
        assertEquals("q2", body.path("metadata").path("campaign").asText());
        assertFalse(body.has("sample_result"), "a live key's job never carries a sample");
        assertFalse(body.has("account_id"), "only known fields go on");
        assertTrue(response.headers().firstValue("X-RateLimit-Limit").isPresent());
    }

    @Test
    void aJobsInputIsValidatedAsTheSynchronousEndpointsBody() throws Exception {
        HttpResponse<String> response = Http.post("/api/v1/jobs", "{\"type\":\"subtitle\",\"input\":{\"url\":"
                + "\"https://example.com/x\",\"format\":\"pdf\"}}", "API-KEY", LIVE_KEY, "Content-Type", "application/json");
        assertEquals(422, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("The given data was invalid.", body.path("message").asText());
        assertEquals("Please provide a valid TikTok URL.", body.path("errors").path("url").path(0).asText());
        assertEquals("Format must be one of: raw, srt, vtt, txt.", body.path("errors").path("format").path(0).asText());
        assertEquals(Http.requestId(response), body.path("request_id").asText());

        HttpResponse<String> badType = Http.post("/api/v1/jobs", "{\"type\":\"dance\",\"input\":{\"url\":\"" + VIDEO
                + "\"}}", "API-KEY", LIVE_KEY, "Content-Type", "application/json");
        assertEquals(422, badType.statusCode());
        assertTrue(JSON.readTree(badType.body()).path("errors").has("type"));
        assertEquals(0, JobsDownstream.jobs().received().size());
    }

    @Test
    void aTestKeysJobCarriesTheSampleAnswerAndABatchItemThatFailsCarriesItsErrorBody() throws Exception {
        HttpResponse<String> job = Http.post("/api/v1/jobs", "{\"type\":\"subtitle\",\"input\":{\"url\":\"" + VIDEO
                + "\"}}", "API-KEY", TEST_KEY, "Content-Type", "application/json");
        assertEquals(202, job.statusCode());
        Received forwarded = JobsDownstream.jobs().received("/api/v1/jobs").get(0);
        assertEquals(testAccount, forwarded.header("X-Account-Id"));
        assertEquals("test", forwarded.header("X-Key-Mode"));
        JsonNode sample = JSON.readTree(forwarded.body()).path("sample_result");
        assertTrue(sample.path("sample").asBoolean());
        assertEquals("7354861484037524768", sample.path("video_id").asText());

        HttpResponse<String> batch = Http.post("/api/v1/batches", "{\"type\":\"subtitle\",\"items\":[{\"url\":\"" + VIDEO
                + "\"},{\"url\":\"not a url\"}]}", "API-KEY", LIVE_KEY, "Content-Type", "application/json");
        assertEquals(202, batch.statusCode());
        JsonNode items = JSON.readTree(JobsDownstream.jobs().received("/api/v1/batches").get(0).body()).path("items");
        assertEquals(2, items.size());
        assertFalse(items.path(0).has("error"));
        assertEquals(422, items.path(1).path("error").path("status").asInt());
        assertEquals("Please provide a valid TikTok URL.",
                items.path(1).path("error").path("body").path("errors").path("url").path(0).asText());
    }

    @Test
    void readsAndCancelsAreForwardedWithTheirPathAndQuery() {
        JobsDownstream.jobs().answer(request -> Reply.json(200, "{\"object\":\"list\",\"data\":[]}"));
        assertEquals(200, Http.get("/api/v1/jobs?status=queued&limit=5", "API-KEY", LIVE_KEY).statusCode());
        HttpResponse<String> cancel = Http.send(Http.request("/api/v1/jobs/job_0123456789abcdef0123456789abcdef",
                "API-KEY", LIVE_KEY).DELETE().build());
        assertEquals(200, cancel.statusCode());
        List<Received> received = JobsDownstream.jobs().received();
        assertEquals("status=queued&limit=5", received.get(0).query());
        assertEquals("DELETE", received.get(1).method());
        assertEquals(account, received.get(1).header("X-Account-Id"));
    }

    @Test
    void aBatchOfAThousandItemsIsTakenAndOneOverTheBatchLimitIsRefusedWith413() throws Exception {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            items.append(i == 0 ? "" : ",").append("{\"url\":\"https://www.tiktok.com/@creator/video/")
                    .append(7354861484037524768L + i).append("\",\"format\":\"srt\"}");
        }
        String batch = "{\"type\":\"subtitle\",\"items\":[" + items + "]}";
        assertTrue(batch.length() > 65536, "larger than a synchronous call may be");
        assertEquals(202, Http.post("/api/v1/batches", batch, "API-KEY", LIVE_KEY, "Content-Type", "application/json")
                .statusCode());
        assertEquals(1000, JSON.readTree(JobsDownstream.jobs().received("/api/v1/batches").get(0).body())
                .path("items").size());

        HttpResponse<String> tooLarge = Http.post("/api/v1/batches", "{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}",
                "API-KEY", LIVE_KEY, "Content-Type", "application/json");
        assertEquals(413, tooLarge.statusCode());
        assertEquals("The request body must not exceed 1048576 bytes.",
                JSON.readTree(tooLarge.body()).path("message").asText());
    }

    @Test
    void withoutAValidKeyNothingIsForwarded() {
        assertEquals(401, Http.get("/api/v1/jobs", "API-KEY", "tn_live_unknown_key_0001").statusCode());
        assertEquals(401, Http.post("/api/v1/batches", "{}", "Content-Type", "application/json").statusCode());
        assertEquals(0, JobsDownstream.jobs().received().size());
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerWithoutCreatingAgain() {
        String body = "{\"type\":\"subtitle\",\"input\":{\"url\":\"" + VIDEO + "\"}}";
        HttpResponse<String> first = Http.post("/api/v1/jobs", body, "API-KEY", LIVE_KEY,
                "Content-Type", "application/json", "Idempotency-Key", "jobs-routes-once");
        HttpResponse<String> second = Http.post("/api/v1/jobs", body, "API-KEY", LIVE_KEY,
                "Content-Type", "application/json", "Idempotency-Key", "jobs-routes-once");
        assertEquals(202, first.statusCode());
        assertEquals(202, second.statusCode());
        assertEquals(first.body(), second.body());
        assertEquals("true", second.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals(1, JobsDownstream.jobs().received().size());
    }

    @Test
    void jobsServiceFailingIsTheGatewaysOwn503() throws Exception {
        JobsDownstream.jobs().answer(request -> Reply.json(500, "{\"error_code\":\"internal_error\"}"));
        HttpResponse<String> response = Http.get("/api/v1/jobs", "API-KEY", LIVE_KEY);
        assertEquals(503, response.statusCode());
        assertEquals("service_unavailable", JSON.readTree(response.body()).path("error_code").asText());
    }
}

package com.tikneuron.jobs.rest;

import static com.tikneuron.jobs.testing.Api.as;
import static com.tikneuron.jobs.testing.Api.newAccount;
import static com.tikneuron.jobs.testing.Api.video;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tikneuron.jobs.testing.FakeCapabilities;
import com.tikneuron.jobs.testing.FakeCapabilitiesResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(FakeCapabilitiesResource.class)
class JobResourceTest {

    @BeforeEach
    void reset() {
        FakeCapabilities.get().reset();
    }

    static long newVideo() {
        return 7_300_000_000_000_000_000L + ThreadLocalRandom.current().nextLong(100_000_000_000_000L) * 100;
    }

    static String submit(String account, String body) {
        return as(account).body(body).post("/api/v1/jobs").then().statusCode(202)
                .body("status", equalTo("queued")).body("object", equalTo("job"))
                .body("id", matchesPattern("job_[0-9a-f]{32}")).extract().path("id");
    }

    static JsonPath awaitFinal(String account, String id) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> as(account).get("/api/v1/jobs/" + id).then().statusCode(200).extract().jsonPath(),
                        job -> List.of("completed", "failed", "cancelled").contains(job.getString("status")));
    }

    @Test
    void aJobRunsThroughTheCapabilityServiceAndCostsWhatTheSynchronousCallCosts() {
        String account = newAccount();
        long videoId = newVideo();
        String id = submit(account, "{\"type\":\"subtitle\",\"input\":{\"url\":\"" + video(videoId)
                + "\",\"format\":\"raw\"},\"metadata\":{\"campaign\":\"q2\"}}");
        JsonPath job = awaitFinal(account, id);
        assertEquals("completed", job.getString("status"));
        assertEquals(1, job.getInt("credits_charged"));
        assertEquals(Long.toString(videoId), job.getString("result.video_id"));
        assertEquals(false, job.getBoolean("result.cached"));
        assertEquals("q2", job.getString("metadata.campaign"));
        assertTrue(job.getString("completed_at") != null && job.getString("started_at") != null);

        FakeCapabilities.Call call = FakeCapabilities.get().calls().get(0);
        assertEquals("/api/v1/tiktok/subtitle", call.path());
        assertEquals(account, call.headers().get("x-account-id"));
        assertEquals("live", call.headers().get("x-key-mode"));
        assertEquals(id, call.headers().get("x-request-id"));
        assertTrue(call.headers().get("x-call-id").matches("call_[0-9a-f]{32}"));
        assertTrue(!call.headers().get("x-call-id").contains(id.substring(4)), "the call id is not the job id");

        String again = submit(account, "{\"type\":\"subtitle\",\"input\":{\"url\":\"" + video(videoId)
                + "\",\"format\":\"raw\"}}");
        JsonPath cached = awaitFinal(account, again);
        assertEquals("completed", cached.getString("status"));
        assertEquals(0, cached.getInt("credits_charged"));
        assertEquals(true, cached.getBoolean("result.cached"));
        assertEquals(1, FakeCapabilities.get().creditsTaken(account));
    }

    @Test
    void aVideoWithoutCaptionsFailsWithTheEndpointsErrorBodyAndCostsNothing() {
        String account = newAccount();
        String id = submit(account, "{\"type\":\"subtitle\",\"input\":{\"url\":\"" + video(newVideo() + 99)
                + "\",\"format\":\"raw\"}}");
        JsonPath job = awaitFinal(account, id);
        assertEquals("failed", job.getString("status"));
        assertEquals("no_subtitle_available", job.getString("error.error_code"));
        assertEquals(0, job.getInt("credits_charged"));
        assertNull(job.get("result"));
    }

    @Test
    void aTestKeysJobEndsWithTheGatewaysSampleAndCallsNothing() {
        String account = newAccount();
        String id = as(account, "test").body("{\"type\":\"subtitle\",\"input\":{\"url\":\"" + video(newVideo())
                + "\",\"format\":\"raw\"},\"sample_result\":{\"video_id\":\"1\",\"sample\":true}}")
                .post("/api/v1/jobs").then().statusCode(202).extract().path("id");
        JsonPath job = awaitFinal(account, id);
        assertEquals("completed", job.getString("status"));
        assertEquals(true, job.getBoolean("result.sample"));
        assertEquals(0, job.getInt("credits_charged"));
        assertEquals(0, FakeCapabilities.get().calls().size());
    }

    @Test
    void aSampleResultSentWithALiveKeyIsIgnored() {
        String account = newAccount();
        String id = submit(account, "{\"type\":\"subtitle\",\"input\":{\"url\":\"" + video(newVideo())
                + "\",\"format\":\"raw\"},\"sample_result\":{\"sample\":true}}");
        JsonPath job = awaitFinal(account, id);
        assertNull(job.get("result.sample"));
        assertEquals(1, job.getInt("credits_charged"));
    }

    @Test
    void aTransientFailureIsSettledByBillingAndTheJobRunsAgainUnderANewCallId() {
        String account = newAccount();
        FakeCapabilities.get().failNext(1);
        String id = submit(account, "{\"type\":\"subtitle\",\"input\":{\"url\":\"" + video(newVideo())
                + "\",\"format\":\"raw\"}}");
        JsonPath job = awaitFinal(account, id);
        assertEquals("completed", job.getString("status"));
        List<FakeCapabilities.Call> calls = FakeCapabilities.get().calls();
        assertEquals(2, calls.size());
        String first = calls.get(0).headers().get("x-call-id");
        assertTrue(!first.equals(calls.get(1).headers().get("x-call-id")));
        assertTrue(FakeCapabilities.get().refunds().contains("/internal/v1/accounts/" + account + "/calls/" + first
                + "/refund"), "the failed run's call is refunded");
    }

    @Test
    void aQueuedJobIsCancelledWithNothingChargedAndAProcessingOneIsRefusedWith409() {
        String account = newAccount();
        FakeCapabilities.get().delay(4000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submit(account, "{\"type\":\"subtitle\",\"input\":{\"url\":\"" + video(newVideo())
                    + "\",\"format\":\"raw\"}}"));
        }
        // The account's limit is 3 in tests: three processing, two queued
        await().atMost(Duration.ofSeconds(10)).until(() -> as(account).get("/api/v1/jobs?status=processing")
                .then().extract().jsonPath().getList("data").size() == 3);
        String queued = as(account).get("/api/v1/jobs?status=queued").then().extract().path("data[0].id");
        String processing = as(account).get("/api/v1/jobs?status=processing").then().extract().path("data[0].id");

        as(account).delete("/api/v1/jobs/" + queued).then().statusCode(200)
                .body("status", equalTo("cancelled")).body("credits_refunded", equalTo(0))
                .body("credits_charged", equalTo(0)).body("cancelled_at", notNullValue());
        as(account).delete("/api/v1/jobs/" + processing).then().statusCode(409)
                .body("error_code", equalTo("job_processing")).body("request_id", notNullValue());

        for (String id : ids) {
            awaitFinal(account, id);
        }
        JsonPath cancelled = as(account).get("/api/v1/jobs/" + queued).then().extract().jsonPath();
        assertEquals("cancelled", cancelled.getString("status"));
        assertEquals(0, cancelled.getInt("credits_charged"));
        assertEquals(4, FakeCapabilities.get().creditsTaken(account), "the cancelled job never ran");
    }

    @Test
    void jobsAreListedNewestFirstInCursorPages() {
        String account = newAccount();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submit(account, "{\"type\":\"subtitle\",\"input\":{\"url\":\"" + video(newVideo() + 99) + "\"}}"));
        }
        JsonPath first = as(account).get("/api/v1/jobs?limit=2").then().statusCode(200)
                .body("object", equalTo("list")).extract().jsonPath();
        assertEquals(List.of(ids.get(4), ids.get(3)), first.getList("data.id"));
        assertEquals(true, first.getBoolean("has_more"));
        JsonPath second = as(account).get("/api/v1/jobs?limit=2&starting_after=" + first.getString("next_cursor"))
                .then().extract().jsonPath();
        assertEquals(List.of(ids.get(2), ids.get(1)), second.getList("data.id"));
        JsonPath last = as(account).get("/api/v1/jobs?limit=2&starting_after=" + second.getString("next_cursor"))
                .then().extract().jsonPath();
        assertEquals(List.of(ids.get(0)), last.getList("data.id"));
        assertEquals(false, last.getBoolean("has_more"));
        as(account).get("/api/v1/jobs?limit=0").then().statusCode(422).body("errors", hasKey("limit"));
        as(newAccount()).get("/api/v1/jobs").then().statusCode(200).body("data.size()", equalTo(0));
    }

    @Test
    void anotherAccountsJobIsNotFound() {
        String account = newAccount();
        String id = submit(account, "{\"type\":\"subtitle\",\"input\":{\"url\":\"" + video(newVideo() + 99) + "\"}}");
        as(newAccount()).get("/api/v1/jobs/" + id).then().statusCode(404).body("error_code", equalTo("not_found"));
        as(newAccount()).delete("/api/v1/jobs/" + id).then().statusCode(404);
    }

    @Test
    void badFieldsGetTheContractsValidationBody() {
        as(newAccount()).body("{\"type\":\"dance\",\"input\":{\"url\":\"x\"},\"metadata\":{\"a\":1}}")
                .post("/api/v1/jobs").then().statusCode(422)
                .body("message", equalTo("The given data was invalid."))
                .body("errors.type[0]", equalTo("Type must be one of: subtitle, summarize, diarization."))
                .body("errors", hasKey("metadata")).body("request_id", notNullValue());
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        as(newAccount()).body("{\"type\":\"subtitle\",\"input\":{\"url\":\"x\"},\"metadata\":" + many + "}}")
                .post("/api/v1/jobs").then().statusCode(422).body("errors", hasKey("metadata"));
    }

    @Test
    void aWebhookUrlOnAPrivateOrLoopbackAddressIsRefused() {
        for (String url : List.of("http://127.0.0.1:9/hook", "https://127.0.0.1/hook", "https://10.0.0.8/hook",
                "https://169.254.169.254/latest", "https://[::1]/hook", "https://localhost/hook", "ftp://example.com/")) {
            as(newAccount()).body(Map.of("type", "subtitle", "input", Map.of("url", video(newVideo())),
                    "webhook_url", url)).post("/api/v1/jobs").then().statusCode(422)
                    .body("message", equalTo("The given data was invalid."))
                    .body("errors.webhook_url[0]", equalTo("The webhook url must be an https URL of a public host."));
        }
    }

    @Test
    void everyRouteNeedsTheServiceCredential() {
        given().header("X-Account-Id", newAccount()).header("X-Key-Mode", "live").contentType("application/json")
                .body("{\"type\":\"subtitle\",\"input\":{\"url\":\"x\"}}").post("/api/v1/jobs").then().statusCode(401)
                .body("error_code", equalTo("unauthorized"));
        given().header("X-Service-Credential", "wrong-credential-wrong-credential-wrong")
                .header("X-Account-Id", newAccount()).header("X-Key-Mode", "live").get("/api/v1/jobs").then()
                .statusCode(401);
        given().header("X-Service-Credential", com.tikneuron.jobs.testing.Api.CREDENTIAL).get("/api/v1/jobs").then()
                .statusCode(400).body("error_code", equalTo("invalid_request")).body("data", nullValue());
    }
}

package com.tikneuron.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.tikneuron.e2e.Stack.Customer;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Jobs and batches through the gateway, run by jobs-service on Kafka against subtitle-service, the TikTok stand-in
 * and real billing: every item ends in one final state, and billing took exactly the credits the jobs report.
 */
class JobsTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String CAPTIONLESS = "https://www.tiktok.com/@someone/video/7361573949415050724";
    private static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");

    // A stand-in video no test has asked for yet: 7399 and 15 digits
    private static String newVideo() {
        return "https://www.tiktok.com/@loadtest/video/7399"
                + String.format("%015d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));
    }

    @Test
    void aBatchOf200MixedItemsEndsWithEveryItemFinalAndBillingTookTheSumOfCreditsCharged() {
        Customer customer = Stack.customer(1000);
        List<String> warm = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String url = newVideo();
            warm.add(url);
            given().baseUri(Stack.GATEWAY).header("API-KEY", customer.key()).contentType(ContentType.JSON)
                    .body(Map.of("url", url)).post("/api/v1/tiktok/subtitle").then().statusCode(200);
        }
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        long before = Stack.credits(customer);

        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            items.add(switch (i % 5) {
                case 0 -> Map.of("url", warm.get(i / 5 % warm.size()), "format", "srt");
                case 1 -> Map.of("url", "https://example.com/watch?v=" + i);
                case 2 -> Map.of("url", CAPTIONLESS, "format", "vtt");
                default -> Map.of("url", newVideo(), "format", "txt");
            });
        }
        JsonPath batch = given().baseUri(Stack.GATEWAY).header("API-KEY", customer.key()).contentType(ContentType.JSON)
                .body(Map.of("type", "subtitle", "items", items, "metadata", Map.of("suite", "e2e")))
                .post("/api/v1/batches").then().statusCode(202).body("total", equalTo(200)).extract().jsonPath();
        String batchId = batch.getString("id");
        List<String> jobIds = batch.getList("job_ids");
        assertEquals(200, jobIds.size());

        // The key's rate limit (60 a minute) covers these reads too: poll gently, and read the jobs by pages
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3))
                .until(() -> "completed".equals(status("/api/v1/batches/" + batchId, customer)));
        Map<String, Map<String, Object>> jobs = new HashMap<>();
        String cursor = null;
        do {
            JsonPath page = get("/api/v1/jobs?limit=100" + (cursor == null ? "" : "&starting_after=" + cursor), customer);
            List<Map<String, Object>> data = page.getList("data");
            data.forEach(job -> jobs.put((String) job.get("id"), job));
            cursor = page.getBoolean("has_more") ? page.getString("next_cursor") : null;
        } while (cursor != null);
        int charged = 0;
        Map<String, Integer> byStatus = new HashMap<>();
        for (int i = 0; i < jobIds.size(); i++) {
            Map<String, Object> job = jobs.get(jobIds.get(i));
            String status = (String) job.get("status");
            assertTrue(FINAL.contains(status), jobIds.get(i) + " is " + status);
            byStatus.merge(status, 1, Integer::sum);
            int credits = (Integer) job.get("credits_charged");
            charged += credits;
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) job.get("error");
            switch (i % 5) {
                case 0 -> assertEquals(0, credits, "a cached item is free");
                case 1 -> assertEquals(Map.of("url", List.of("Please provide a valid TikTok URL.")), error.get("errors"));
                case 2 -> assertEquals("no_subtitle_available", error.get("error_code"));
                default -> assertEquals(1, credits, "a new video costs 1: " + job);
            }
        }
        assertEquals(Map.of("completed", 120, "failed", 80), byStatus);
        assertEquals(80, charged);
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(charged, before - Stack.credits(customer), "billing took the sum of the jobs' credits_charged");
    }

    @Test
    void aPrivateWebhookUrlIsRefusedAndATestKeysJobCostsNothing() {
        Customer live = Stack.customer(10);
        given().baseUri(Stack.GATEWAY).header("API-KEY", live.key()).contentType(ContentType.JSON)
                .body(Map.of("type", "subtitle", "input", Map.of("url", newVideo()),
                        "webhook_url", "http://127.0.0.1:8084/internal/v1/keys"))
                .post("/api/v1/jobs").then().statusCode(422)
                .body("errors.webhook_url[0]", equalTo("The webhook url must be an https URL of a public host."));

        Customer test = Stack.customer(5, "test");
        String id = given().baseUri(Stack.GATEWAY).header("API-KEY", test.key()).contentType(ContentType.JSON)
                .body(Map.of("type", "subtitle", "input", Map.of("url", newVideo())))
                .post("/api/v1/jobs").then().statusCode(202).extract().path("id");
        JsonPath job = await().atMost(SETTLE).until(() -> get("/api/v1/jobs/" + id, test),
                found -> FINAL.contains(found.getString("status")));
        assertEquals("completed", job.getString("status"));
        assertEquals(true, job.getBoolean("result.sample"));
        assertEquals(0, job.getInt("credits_charged"));
        assertEquals(5, Stack.credits(test));
    }

    // The batch's status, or null while the key's rate limit asks to wait
    private static String status(String path, Customer customer) {
        var response = given().baseUri(Stack.GATEWAY).header("API-KEY", customer.key()).get(path);
        return response.statusCode() == 429 ? null : response.then().statusCode(200).extract().path("status");
    }

    private static JsonPath get(String path, Customer customer) {
        return given().baseUri(Stack.GATEWAY).header("API-KEY", customer.key()).get(path).then().statusCode(200)
                .extract().jsonPath();
    }
}

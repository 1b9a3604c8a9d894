package com.tikneuron.jobs.rest;

import static com.tikneuron.jobs.testing.Api.as;
import static com.tikneuron.jobs.testing.Api.newAccount;
import static com.tikneuron.jobs.testing.Api.video;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tikneuron.jobs.testing.FakeCapabilities;
import com.tikneuron.jobs.testing.FakeCapabilitiesResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(FakeCapabilitiesResource.class)
class BatchResourceTest {

    private static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");

    @BeforeEach
    void reset() {
        FakeCapabilities.get().reset();
    }

    @Test
    void everyItemOfA200ItemBatchEndsInOneFinalStateAndTheCreditsTakenAreTheSumCharged() {
        String account = newAccount();
        long base = JobResourceTest.newVideo();
        // Videos already cached (processed once for another account)
        String warm = newAccount();
        List<String> warmIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            warmIds.add(JobResourceTest.submit(warm, "{\"type\":\"subtitle\",\"input\":{\"url\":\""
                    + video(base + i * 10L) + "\",\"format\":\"raw\"}}"));
        }
        warmIds.forEach(id -> JobResourceTest.awaitFinal(warm, id));

        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String item = switch (i % 5) {
                // cached: the 20 warm videos
                case 0 -> "{\"input\":{\"url\":\"" + video(base + (i / 5 % 20) * 10L) + "\",\"format\":\"raw\"}}";
                // invalid URL, refused by the gateway with the synchronous endpoint's 422 body
                case 1 -> "{\"input\":{\"url\":\"https://example.com/not-tiktok\"},\"error\":{\"status\":422,\"body\":"
                        + "{\"message\":\"The given data was invalid.\",\"errors\":{\"url\":[\"Please provide a valid "
                        + "TikTok URL.\"]}}}}";
                // caption-less
                case 2 -> "{\"input\":{\"url\":\"" + video(base + 1_000_000L + i * 100L + 99) + "\",\"format\":\"raw\"}}";
                default -> "{\"input\":{\"url\":\"" + video(base + 2_000_000L + i * 10L) + "\",\"format\":\"srt\"}}";
            };
            items.append(i == 0 ? "" : ",").append(item);
        }
        JsonPath accepted = as(account).body("{\"type\":\"subtitle\",\"items\":[" + items + "],\"metadata\":{\"run\":\"b1\"}}")
                .post("/api/v1/batches").then().statusCode(202).body("object", equalTo("batch"))
                .body("total", equalTo(200)).extract().jsonPath();
        String batchId = accepted.getString("id");
        List<String> jobIds = accepted.getList("job_ids");
        assertEquals(200, new HashSet<>(jobIds).size());

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> as(account).get("/api/v1/batches/" + batchId).then().extract().jsonPath()
                        .getString("status").equals("completed"));
        JsonPath batch = as(account).get("/api/v1/batches/" + batchId).then().statusCode(200).extract().jsonPath();
        assertEquals(0, batch.getInt("counts.queued") + batch.getInt("counts.processing"));
        assertEquals(200, batch.getInt("counts.completed") + batch.getInt("counts.failed"));

        int charged = 0;
        Map<String, Integer> byStatus = new java.util.HashMap<>();
        for (int i = 0; i < jobIds.size(); i++) {
            JsonPath job = as(account).get("/api/v1/jobs/" + jobIds.get(i)).then().statusCode(200).extract().jsonPath();
            assertTrue(FINAL.contains(job.getString("status")), job.getString("status"));
            byStatus.merge(job.getString("status"), 1, Integer::sum);
            charged += job.getInt("credits_charged");
            switch (i % 5) {
                case 0 -> assertEquals(0, job.getInt("credits_charged"), "cached items are free");
                case 1 -> assertEquals("Please provide a valid TikTok URL.", job.getString("error.errors.url[0]"));
                case 2 -> assertEquals("no_subtitle_available", job.getString("error.error_code"));
                default -> assertEquals(1, job.getInt("credits_charged"));
            }
        }
        assertEquals(Map.of("completed", 120, "failed", 80), byStatus);
        assertEquals(80, charged);
        assertEquals(charged, FakeCapabilities.get().creditsTaken(account),
                "the credits billing took equal the sum of the items' credits_charged");
    }

    @Test
    void oneAccountsBigBatchDoesNotHoldBackAnotherAccountsSingleJob() {
        FakeCapabilities.get().delay(100);
        String a = newAccount();
        String b = newAccount();
        long base = JobResourceTest.newVideo();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            items.append(i == 0 ? "" : ",").append("{\"input\":{\"url\":\"").append(video(base + i * 10L))
                    .append("\",\"format\":\"raw\"}}");
        }
        String batchId = as(a).body("{\"type\":\"subtitle\",\"items\":[" + items + "]}").post("/api/v1/batches")
                .then().statusCode(202).extract().path("id");
        Instant sent = Instant.now();
        String single = JobResourceTest.submit(b, "{\"type\":\"subtitle\",\"input\":{\"url\":\""
                + video(base + 9_000_000L) + "\",\"format\":\"raw\"}}");
        JsonPath job = JobResourceTest.awaitFinal(b, single);
        Duration waited = Duration.between(sent, Instant.now());
        assertEquals("completed", job.getString("status"));
        JsonPath batch = as(a).get("/api/v1/batches/" + batchId).then().extract().jsonPath();
        int batchDone = batch.getInt("counts.completed") + batch.getInt("counts.failed");
        // Bound of docs/API.md: one job run per worker (100 ms here) plus the queue's own latency; the batch alone
        // takes 300 x 100 ms / 3 running at once = 10 s
        assertTrue(waited.compareTo(Duration.ofSeconds(5)) < 0, "B waited " + waited);
        assertTrue(batchDone < 150, "B's job finished after " + batchDone + " of A's 300 items");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> as(a).get("/api/v1/batches/" + batchId).then().extract().jsonPath()
                        .getString("status").equals("completed"));
    }

    @Test
    void aBatchNeedsOneToAThousandItems() {
        as(newAccount()).body("{\"type\":\"subtitle\",\"items\":[]}").post("/api/v1/batches").then().statusCode(422)
                .body("errors.items[0]", equalTo("Items must be a list of 1 to 1000 inputs."));
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            items.append(i == 0 ? "" : ",").append("{\"input\":{\"url\":\"x\"}}");
        }
        as(newAccount()).body("{\"type\":\"subtitle\",\"items\":[" + items + "]}").post("/api/v1/batches").then()
                .statusCode(422);
    }
}

package com.tikneuron.subtitle.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.tikneuron.subtitle.support.CacheRows;
import com.tikneuron.subtitle.support.StandInResource;
import com.tikneuron.subtitle.support.Stubs;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A request on this instance waits for another instance that is already fetching the same video. */
@QuarkusTest
@WithTestResource(StandInResource.class)
class CrossInstanceCoalescingTest {

    private static final String VIDEO = "7396888120245563187";

    private static CompletableFuture<Response> request(String account) {
        return CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                .header("X-Account-Id", account).header("X-Key-Mode", "live")
                .body(Map.of("url", "https://www.tiktok.com/@_/video/" + VIDEO, "format", "txt"))
                .post("/api/v1/tiktok/subtitle"));
    }

    @Test
    void whileAnotherInstanceFetchesThisOneWaitsAndAnswersFromItsResultForFree() throws Exception {
        CacheRows.forget(VIDEO);
        CacheRows.claimElsewhere(VIDEO, 30);
        String account = Stubs.account(10);
        int pagesBefore = Stubs.served("pages", VIDEO);
        CompletableFuture<Response> answer = request(account);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> !answer.isDone());
        assertEquals(pagesBefore, Stubs.served("pages", VIDEO));
        assertEquals(0, Stubs.holds(account).size());

        try (InputStream track = getClass().getResourceAsStream("/fixtures/cdn/tos/captions/" + VIDEO + "/eng-US.vtt")) {
            CacheRows.storeElsewhere(VIDEO, "eng-US", track.readAllBytes());
        }
        CacheRows.releaseElsewhere(VIDEO);
        Response response = answer.get();
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(true, response.jsonPath().getBoolean("cached"));
        assertEquals("0", response.header("X-Credits-Charged"));
        assertEquals(pagesBefore, Stubs.served("pages", VIDEO), "this instance never fetched the page");
        assertEquals(0, Stubs.holds(account).size());
    }

    @Test
    void whenTheOtherInstanceGivesUpThisOneTakesOver() throws Exception {
        CacheRows.forget(VIDEO);
        CacheRows.claimElsewhere(VIDEO, 30);
        String account = Stubs.account(10);
        int pagesBefore = Stubs.served("pages", VIDEO);
        CompletableFuture<Response> answer = request(account);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> !answer.isDone());
        CacheRows.releaseElsewhere(VIDEO);
        Response response = answer.get();
        assertEquals(200, response.statusCode(), response.asString());
        assertFalse(response.jsonPath().getBoolean("cached"));
        assertEquals("1", response.header("X-Credits-Charged"));
        assertEquals(pagesBefore + 1, Stubs.served("pages", VIDEO));
        assertEquals(1, Stubs.holds(account).size());
    }
}

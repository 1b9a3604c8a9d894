package com.tikneuron.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.tikneuron.e2e.Stack.Customer;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The money and trust boundaries through the whole stack: nothing a client chooses decides which holds a refund
 * settles, and a test key gets sample content without any real work.
 */
class TrustBoundaryTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    /**
     * The refund attack: a customer sends every paid call under one X-Request-Id of its choosing, then makes a call
     * under the same id fail with a 5xx after it reached the service (TikTok drops every connection). The gateway
     * reports that failure to billing for refund; the calls that succeeded before stay charged.
     */
    @Test
    void aFailedCallUnderAReusedRequestIdRefundsNothingButItself() {
        Customer customer = Stack.customer(10);
        String reused = "x1-" + ThreadLocalRandom.current().nextInt(1_000_000);

        for (int i = 0; i < 2; i++) {
            subtitle(customer, freshVideo(), reused).then().statusCode(200)
                    .header("X-Credits-Charged", "1")
                    .header("X-Request-Id", reused);
        }
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(8, Stack.credits(customer));

        given().baseUri(Stack.STANDIN).contentType(ContentType.JSON).body(Map.of("drop_rate", 1.0))
                .post("/__standin/faults").then().statusCode(200);
        try {
            subtitle(customer, freshVideo(), reused).then().statusCode(503)
                    .header("X-Credits-Charged", "0")
                    .header("X-Request-Id", reused)
                    .body("request_id", equalTo(reused));
        } finally {
            given().baseUri(Stack.STANDIN).delete("/__standin/faults").then().statusCode(204);
        }

        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        // Give a refund sent after the answer time to land before the balance is read for the last time.
        await().pollDelay(Duration.ofSeconds(2)).atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(8, Stack.credits(customer), "the two successful calls stay charged");
    }

    @Test
    void aTestKeyGetsMarkedSampleContentWithoutTouchingTikTokTheCacheOrAnyBalance() {
        Customer tester = Stack.customer(5, "test");
        Customer payer = Stack.customer(5);
        String video = freshVideo();
        String url = "https://www.tiktok.com/@loadtest/video/" + video;

        given().baseUri(Stack.GATEWAY).header("API-KEY", tester.key()).contentType(ContentType.JSON)
                .body(Map.of("url", url, "format", "srt"))
                .post("/api/v1/tiktok/subtitle").then().statusCode(200)
                .header("X-TikNeuron-Sample", "true")
                .header("X-Credits-Charged", "0")
                .body("sample", equalTo(true))
                .body("video_id", equalTo(video))
                .body("subtitle_content", not(emptyOrNullString()));
        assertEquals(0, pagesServed(video), "no request reached TikTok for a test key");
        assertEquals(5, Stack.credits(tester));

        // Nothing was cached: the first live call on the video is real work and pays.
        subtitle(payer, video, "e2e-after-sample").then().statusCode(200)
                .header("X-Credits-Charged", "1")
                .body("cached", equalTo(false));
        assertEquals(1, pagesServed(video));
        await().atMost(SETTLE).until(() -> Stack.settled(payer));
        assertEquals(4, Stack.credits(payer));
    }

    private static Response subtitle(Customer customer, String video, String requestId) {
        return given().baseUri(Stack.GATEWAY).header("API-KEY", customer.key()).header("X-Request-Id", requestId)
                .contentType(ContentType.JSON)
                .body(Map.of("url", "https://www.tiktok.com/@loadtest/video/" + video, "format", "txt"))
                .post("/api/v1/tiktok/subtitle");
    }

    // A video of the stand-in's generated range that no other test uses.
    private static String freshVideo() {
        return "73995" + String.format("%014d", ThreadLocalRandom.current().nextLong(100_000_000_000_000L));
    }

    private static int pagesServed(String video) {
        Integer served = given().baseUri(Stack.STANDIN).get("/__standin/stats").then().statusCode(200)
                .extract().path("pages.'" + video + "'");
        return served == null ? 0 : served;
    }
}

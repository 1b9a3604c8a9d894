package com.tikneuron.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.tikneuron.e2e.Stack.Customer;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Subtitles through the gateway, with the TikTok stand-in behind subtitle-service and real billing. */
class SubtitleBillingTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Test
    void theFirstCallChargesOneCreditAndTheSecondIsCachedAndFree() {
        Customer customer = Stack.customer(100);
        String url = "https://www.tiktok.com/@oldlayout/video/7396888120245563187?is_from_webapp=1";

        String first = subtitle(customer, url, "vtt").then().statusCode(200)
                .header("X-Credits-Charged", "1")
                .body("video_id", equalTo("7396888120245563187"))
                .body("format", equalTo("vtt"))
                .body("cached", equalTo(false))
                .body("subtitle_content", not(emptyOrNullString()))
                .extract().path("subtitle_content");
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(99, Stack.credits(customer));

        subtitle(customer, url, "vtt").then().statusCode(200)
                .header("X-Credits-Charged", "0")
                .body("cached", equalTo(true))
                .body("subtitle_content", equalTo(first));
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(99, Stack.credits(customer));

        await().atMost(SETTLE).until(() -> given().baseUri(Stack.GATEWAY).header("API-KEY", customer.key())
                .get("/api/v1/account/usage").then().extract().jsonPath().getList("data").size() == 2);
        JsonPath usage = given().baseUri(Stack.GATEWAY).header("API-KEY", customer.key())
                .get("/api/v1/account/usage").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("free-cached", "charged"), usage.getList("data.status"));
    }

    @Test
    void aVideoWithoutCaptionsAnswersTheSeedErrorAndCostsNothing() {
        Customer customer = Stack.customer(10);
        subtitle(customer, "https://www.tiktok.com/@someone/video/7361573949415050724", "srt").then()
                .statusCode(404)
                .body("error_code", equalTo("no_subtitle_available"))
                .body("message", equalTo("No subtitle available for this video"))
                .body("request_id", not(emptyOrNullString()));
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(10, Stack.credits(customer));
    }

    @Test
    void aPrivateVideoIsUnavailableAndCostsNothing() {
        Customer customer = Stack.customer(10);
        subtitle(customer, "https://www.tiktok.com/@someone/video/7378753816223753998", "txt").then()
                .statusCode(404)
                .body("error_code", equalTo("video_unavailable"));
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(10, Stack.credits(customer));
    }

    @Test
    void fiftyConcurrentFirstRequestsMakeOnePageFetchAndOneCharge() throws Exception {
        Customer customer = Stack.customer(100);
        String video = "7406432493050499115";
        int pagesBefore = pageFetches(video);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/api/v1/tiktok/subtitle"))
                    .header("Content-Type", "application/json")
                    .header("API-KEY", customer.key())
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"url\":\"https://www.tiktok.com/@talks/video/" + video + "\",\"format\":\"txt\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        long charged = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get();
            assertEquals(200, response.statusCode(), response.body());
            charged += Long.parseLong(response.headers().firstValue("X-Credits-Charged").orElse("-1"));
        }
        assertEquals(1, charged);
        assertEquals(1, pageFetches(video) - pagesBefore);
        await().atMost(SETTLE).until(() -> Stack.settled(customer));
        assertEquals(99, Stack.credits(customer));
    }

    @Test
    void anInvalidKeyIsRefusedWithTheSeedBody() {
        given().baseUri(Stack.GATEWAY).contentType(ContentType.JSON).header("API-KEY", "tn_live_nope")
                .body(Map.of("url", "https://www.tiktok.com/@username/video/7354861484037524768"))
                .post("/api/v1/tiktok/subtitle").then()
                .statusCode(401)
                .body("success", equalTo(false))
                .body("error", equalTo("Invalid API Key"));
    }

    private static io.restassured.response.Response subtitle(Customer customer, String url, String format) {
        return given().baseUri(Stack.GATEWAY).contentType(ContentType.JSON).header("API-KEY", customer.key())
                .body(Map.of("url", url, "format", format)).post("/api/v1/tiktok/subtitle");
    }

    private static int pageFetches(String video) {
        Integer count = given().baseUri(Stack.STANDIN).get("/__standin/stats").then().statusCode(200)
                .extract().jsonPath().get("pages.'" + video + "'");
        return count == null ? 0 : count;
    }
}

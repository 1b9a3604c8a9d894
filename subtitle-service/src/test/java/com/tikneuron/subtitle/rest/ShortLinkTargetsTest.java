package com.tikneuron.subtitle.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.tikneuron.subtitle.support.StandInResource;
import com.tikneuron.subtitle.support.Stubs;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A short link that leads off TikTok, or to no usable address at all, is the caller's bad URL: the public route
 * answers the contract's validation body, nothing is fetched from the target and nothing is held.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class ShortLinkTargetsTest {

    @ParameterizedTest
    @CsvSource(value = {
            "ZMoffsite01|http://127.0.0.1:9/secret",
            "ZMmetadata1|http://169.254.169.254/latest/meta-data/",
            "ZMempty0001|",
            "ZMbackslsh1|/\\127.0.0.1:9/x",
            "ZMnoscheme1|//evil.example/@user/video/7354861484037524768" }, delimiter = '|')
    void shortLinkLeadingNowhereUsableIsTheContractsValidationError(String code, String location) {
        given().baseUri(Stubs.tiktokOrigin()).contentType(ContentType.JSON)
                .body(Map.of("host", "vm.tiktok.com", "code", code, "location", location == null ? "" : location))
                .post("/__standin/short-links").then().statusCode(204);
        String account = Stubs.account(5);

        Response response = given().contentType(ContentType.JSON)
                .header("X-Account-Id", account).header("X-Key-Mode", "live").header("X-Request-Id", "req-" + code)
                .body(Map.of("url", "https://vm.tiktok.com/" + code + "/", "format", "srt"))
                .post("/api/v1/tiktok/subtitle");

        assertEquals(422, response.statusCode(), response.asString());
        assertEquals("{\"message\":\"The given data was invalid.\",\"errors\":{\"url\":[\"Please provide a valid TikTok URL.\"]},"
                + "\"request_id\":\"req-" + code + "\"}", response.asString());
        assertEquals(0, Stubs.holds(account).size());
    }
}

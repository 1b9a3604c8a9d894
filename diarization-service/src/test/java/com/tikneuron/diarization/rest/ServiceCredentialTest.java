package com.tikneuron.diarization.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.tikneuron.diarization.harness.StandInMedia;
import com.tikneuron.diarization.standin.StandIns;
import com.tikneuron.testsupport.ServiceCredentialForTests;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Only our own services may call diarization-service: its routes refuse a call without the service credential. */
@QuarkusTest
@WithTestResource(StandIns.class)
class ServiceCredentialTest {

    private static final String WRONG = "a-credential-of-the-right-length-but-not-ours";

    @ParameterizedTest
    @ValueSource(strings = { "absent", "wrong", "empty" })
    void diarizationWithoutTheServiceCredentialIs401AndCostsNothing(String credential) {
        String account = UUID.randomUUID().toString();
        String video = "7354861484037524799";
        StandIns.subtitles().media(video, StandInMedia.conversationMp3());
        as(credential).contentType(ContentType.JSON)
                .header("X-Account-Id", account).header("X-Key-Mode", "live").header("X-Request-Id", "x1")
                .body("{\"url\":\"https://www.tiktok.com/@creator/video/" + video + "\",\"format\":\"txt\"}")
                .post("/api/v1/tiktok/diarization").then().statusCode(401)
                .contentType(ContentType.JSON)
                .body("error_code", equalTo("unauthorized"))
                .body("message", equalTo("This internal route needs the service credential."))
                .body("request_id", equalTo("x1"));
        assertTrue(StandIns.billing().holds(account).isEmpty(), "no hold");
        assertEquals(0, StandIns.subtitles().mediaRequests(video), "no work");
    }

    @ParameterizedTest
    @ValueSource(strings = { "absent", "wrong" })
    void everyInternalPathIsRefusedWithoutTheCredentialEvenOneThatDoesNotExist(String credential) {
        as(credential).get("/internal/v1/anything").then().statusCode(401)
                .body("error_code", equalTo("unauthorized"))
                .body("message", equalTo("This internal route needs the service credential."));
    }

    private static RequestSpecification as(String credential) {
        // Without the filters: the one that adds the test credential to every call must not add it to these.
        RequestSpecification request = given().noFilters();
        return switch (credential) {
            case "wrong" -> request.header(ServiceCredentialForTests.HEADER, WRONG);
            case "empty" -> request.header(ServiceCredentialForTests.HEADER, "");
            default -> request;
        };
    }
}

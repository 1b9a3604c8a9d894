package com.tikneuron.summary.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.tikneuron.summary.Fixtures;
import com.tikneuron.summary.standin.StandIns;
import com.tikneuron.testsupport.ServiceCredentialForTests;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Only our own services may call summary-service: its routes refuse a call without the service credential. */
@QuarkusTest
@WithTestResource(StandIns.class)
class ServiceCredentialTest {

    private static final String WRONG = "a-credential-of-the-right-length-but-not-ours";

    @ParameterizedTest
    @ValueSource(strings = { "absent", "wrong", "empty" })
    void summarizeWithoutTheServiceCredentialIs401AndCostsNothing(String credential) {
        String account = Fixtures.newAccount();
        int modelCalls = StandIns.llm().requests().size();
        as(credential).contentType(ContentType.JSON)
                .header("X-Account-Id", account).header("X-Key-Mode", "live").header("X-Request-Id", "x1")
                .body(Map.of("url", Fixtures.url(Fixtures.englishVideo())))
                .post("/api/v1/tiktok/summarize").then().statusCode(401)
                .contentType(ContentType.JSON)
                .body("error_code", equalTo("unauthorized"))
                .body("message", equalTo("This internal route needs the service credential."))
                .body("request_id", equalTo("x1"));
        assertEquals(0, StandIns.billing().holds(account).size(), "no hold");
        assertEquals(modelCalls, StandIns.llm().requests().size(), "no work");
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

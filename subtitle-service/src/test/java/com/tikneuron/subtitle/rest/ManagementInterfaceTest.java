package com.tikneuron.subtitle.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;

import org.junit.jupiter.api.Test;

import com.tikneuron.subtitle.support.StandInResource;
import com.tikneuron.testsupport.ServiceCredentialForTests;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Health and metrics are served on the management interface, without the service credential, and not on the API port. */
@QuarkusTest
@WithTestResource(StandInResource.class)
class ManagementInterfaceTest {

    // Management URLs are rooted at the non-application path (/q), so these name /q/health/ready and /q/metrics.
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void healthAndMetricsAnswerOnTheManagementPortWithoutTheCredential() {
        ServiceCredentialForTests.withoutCredential();
        given().get(ready).then().statusCode(200).body("status", equalTo("UP"));
        given().get(metrics).then().statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    @Test
    void theApiPortServesNeitherHealthNorMetrics() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }
}

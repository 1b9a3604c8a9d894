package com.tikneuron.jobs.testing;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.specification.RequestSpecification;

/** Requests as the gateway forwards them: service credential, account, key mode and request id. */
public final class Api {

    public static final String CREDENTIAL = "test-profile-service-credential-not-a-secret";

    private Api() {
    }

    public static String newAccount() {
        return UUID.randomUUID().toString();
    }

    public static RequestSpecification as(String account) {
        return as(account, "live");
    }

    public static RequestSpecification as(String account, String mode) {
        return given().header("X-Service-Credential", CREDENTIAL)
                .header("X-Account-Id", account)
                .header("X-Key-Mode", mode)
                .header("X-Request-Id", "req_" + UUID.randomUUID().toString().replace("-", ""))
                .contentType("application/json");
    }

    public static String video(long id) {
        return "https://www.tiktok.com/@creator/video/" + id;
    }
}

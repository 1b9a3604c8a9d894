package com.tikneuron.e2e;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The running stack under test: where its parts listen, and the operator calls tests need to set up customers. */
final class Stack {

    static final String GATEWAY = System.getProperty("tikneuron.e2e.gateway", "http://127.0.0.1:18080");
    static final String BILLING = System.getProperty("tikneuron.e2e.billing", "http://127.0.0.1:18084");
    static final String STANDIN = System.getProperty("tikneuron.e2e.standin", "http://127.0.0.1:18090");
    /** The gateway's management interface: health and metrics. */
    static final String GATEWAY_MANAGEMENT = System.getProperty("tikneuron.e2e.gateway-management",
            "http://127.0.0.1:18180");
    static final String SERVICE_CREDENTIAL_HEADER = "X-Service-Credential";

    private Stack() {
    }

    /** A customer: an account with the credits given and one API key of the mode given. */
    record Customer(String accountId, String key) {
    }

    static Customer customer(long credits, String mode) {
        String account = given().baseUri(BILLING).header("Authorization", "Bearer " + adminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "e2e-" + UUID.randomUUID(), "credits", credits))
                .post("/admin/v1/accounts").then().statusCode(201).extract().path("id");
        String key = given().baseUri(BILLING).header("Authorization", "Bearer " + adminToken())
                .contentType(ContentType.JSON).body(Map.of("mode", mode))
                .post("/admin/v1/accounts/" + account + "/keys").then().statusCode(201).extract().path("key");
        return new Customer(account, key);
    }

    static Customer customer(long credits) {
        return customer(credits, "live");
    }

    /** The customer's balance as billing holds it: {credits, reserved}. */
    static JsonPath balance(Customer customer) {
        return given().baseUri(BILLING).header(SERVICE_CREDENTIAL_HEADER, serviceCredential())
                .get("/internal/v1/accounts/" + customer.accountId() + "/balance")
                .then().statusCode(200).extract().jsonPath();
    }

    /** True once every hold of the customer is settled. */
    static boolean settled(Customer customer) {
        return balance(customer).getLong("reserved") == 0;
    }

    static long credits(Customer customer) {
        return balance(customer).getLong("credits");
    }

    static String adminToken() {
        return secret("tikneuron.e2e.admin-token-file", "admin token");
    }

    /** The credential the stack's services present to each other; only operator checks of balances use it here. */
    static String serviceCredential() {
        return secret("tikneuron.e2e.service-credential-file", "service credential");
    }

    private static String secret(String property, String what) {
        try {
            return Files.readString(Path.of(System.getProperty(property))).trim();
        } catch (IOException e) {
            throw new IllegalStateException("no " + what + " of the running stack", e);
        }
    }
}

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
        return given().baseUri(BILLING).get("/internal/v1/accounts/" + customer.accountId() + "/balance")
                .then().statusCode(200).extract().jsonPath();
    }

    /** True once every hold of the customer is settled. */
    static boolean settled(Customer customer) {
        return balance(customer).getLong("reserved") == 0;
    }

    static long credits(Customer customer) {
        return balance(customer).getLong("credits");
    }

    private static String adminToken() {
        try {
            return Files.readString(Path.of(System.getProperty("tikneuron.e2e.admin-token-file"))).trim();
        } catch (IOException e) {
            throw new IllegalStateException("no admin token of the running stack", e);
        }
    }
}

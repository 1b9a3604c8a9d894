package com.tikneuron.billing;

import static com.tikneuron.billing.BillingTestSupport.ADMIN;
import static com.tikneuron.billing.BillingTestSupport.openAccount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.tikneuron.billing.service.KeyService;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

@QuarkusTest
class KeyAndAdminTest {

    @Inject
    Pool pool;

    @Test
    void anIssuedKeyResolvesByDigestAndIsStoredOnlyAsADigest() {
        String account = openAccount(5);
        var issued = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("mode", "live"))
                .post("/admin/v1/accounts/" + account + "/keys")
                .then().statusCode(201)
                .body("key", matchesPattern("tn_live_[0-9A-Za-z]{40}"))
                .body("mode", equalTo("live"))
                .extract().jsonPath();
        String key = issued.getString("key");
        assertEquals(key.substring(0, 12), issued.getString("prefix"));

        given().get("/internal/v1/keys/" + KeyService.digest(key)).then().statusCode(200)
                .body("account_id", equalTo(account))
                .body("key_id", equalTo(issued.getString("id")))
                .body("mode", equalTo("live"))
                .body("status", equalTo("active"));

        for (Row row : pool.query("SELECT * FROM billing.api_keys").execute().await().indefinitely()) {
            for (int i = 0; i < row.size(); i++) {
                Object value = row.getValue(i);
                assertFalse(value != null && value.toString().contains(key.substring(8)), "key text stored in a column");
            }
        }
    }

    @Test
    void aRevokedKeyStopsResolvingAsActive() {
        String account = openAccount(5);
        var issued = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("mode", "test"))
                .post("/admin/v1/accounts/" + account + "/keys").then().statusCode(201)
                .body("key", matchesPattern("tn_test_[0-9A-Za-z]{40}")).extract().jsonPath();
        given().header("Authorization", ADMIN).delete("/admin/v1/keys/" + issued.getString("id"))
                .then().statusCode(204);
        given().get("/internal/v1/keys/" + KeyService.digest(issued.getString("key"))).then().statusCode(200)
                .body("status", equalTo("revoked"));
        given().header("Authorization", ADMIN).delete("/admin/v1/keys/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void unknownDigestsAndMalformedDigestsAreNotFound() {
        given().get("/internal/v1/keys/" + KeyService.digest("tn_live_nope")).then().statusCode(404)
                .body("error_code", equalTo("key_not_found"));
        given().get("/internal/v1/keys/ZZZ").then().statusCode(404);
    }

    @Test
    void theKeyLookupCarriesTheAccountsPlanAndTheDefaultPlanWithoutOne() {
        String account = openAccount(5);
        String key = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("mode", "live"))
                .post("/admin/v1/accounts/" + account + "/keys").then().statusCode(201).extract().path("key");
        String digest = KeyService.digest(key);
        given().get("/internal/v1/keys/" + digest).then().statusCode(200)
                .body("plan.requests_per_minute", equalTo(60))
                .body("plan.burst", equalTo(60))
                .body("plan.concurrent_jobs", equalTo(5));

        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("requests_per_minute", 600, "burst", 100, "concurrent_jobs", 20))
                .put("/admin/v1/accounts/" + account + "/plan")
                .then().statusCode(200).body("plan.requests_per_minute", equalTo(600)).body("plan.burst", equalTo(100));
        given().get("/internal/v1/keys/" + digest).then().statusCode(200)
                .body("plan.requests_per_minute", equalTo(600))
                .body("plan.burst", equalTo(100))
                .body("plan.concurrent_jobs", equalTo(20));
        given().header("Authorization", ADMIN).get("/admin/v1/accounts/" + account)
                .then().statusCode(200).body("plan.concurrent_jobs", equalTo(20));

        // A field left out goes back to the default plan's value.
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("burst", 10))
                .put("/admin/v1/accounts/" + account + "/plan").then().statusCode(200);
        given().get("/internal/v1/keys/" + digest).then().statusCode(200)
                .body("plan.requests_per_minute", equalTo(60))
                .body("plan.burst", equalTo(10));
    }

    @Test
    void aPlanOutsideItsBoundsIsRefusedFieldByField() {
        String account = openAccount(5);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("requests_per_minute", 0, "burst", -1, "concurrent_jobs", 10_001))
                .put("/admin/v1/accounts/" + account + "/plan")
                .then().statusCode(422)
                .body("errors.requests_per_minute", org.hamcrest.Matchers.notNullValue())
                .body("errors.burst", org.hamcrest.Matchers.notNullValue())
                .body("errors.concurrent_jobs", org.hamcrest.Matchers.notNullValue());
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("burst", 5))
                .put("/admin/v1/accounts/" + UUID.randomUUID() + "/plan").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("burst", 5))
                .put("/admin/v1/accounts/" + account + "/plan").then().statusCode(401);
    }

    @Test
    void adminCallsNeedTheOperatorToken() {
        given().contentType(ContentType.JSON).body(Map.of("name", "x", "credits", 1))
                .post("/admin/v1/accounts").then().statusCode(401).body("error_code", equalTo("unauthorized"));
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON)
                .body(Map.of("name", "x", "credits", 1))
                .post("/admin/v1/accounts").then().statusCode(401);
        given().header("Authorization", ADMIN.substring("Bearer ".length())).get("/admin/v1/accounts/" + UUID.randomUUID())
                .then().statusCode(401);
    }

    @Test
    void creditsCanBeGrantedAndCorrectedButNeverBelowZero() {
        String account = openAccount(10);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("amount", 50, "reason", "top-up"))
                .post("/admin/v1/accounts/" + account + "/credits").then().statusCode(200).body("credits", equalTo(60));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("amount", -61, "reason", "correction"))
                .post("/admin/v1/accounts/" + account + "/credits").then().statusCode(409);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("amount", -60, "reason", "correction"))
                .post("/admin/v1/accounts/" + account + "/credits").then().statusCode(200).body("credits", equalTo(0));
        given().header("Authorization", ADMIN).get("/admin/v1/accounts/" + account).then().statusCode(200)
                .body("credits", equalTo(0)).body("reserved", equalTo(0));
        given().header("Authorization", ADMIN).get("/admin/v1/accounts/" + account + "/ledger").then().statusCode(200)
                .body("data.kind", org.hamcrest.Matchers.contains("adjustment", "grant", "grant"))
                .body("data.amount", org.hamcrest.Matchers.contains(-60, 50, 10));
    }

    @Test
    void theLedgerRefusesUpdatesAndDeletes() {
        openAccount(1);
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> pool
                .query("UPDATE billing.ledger_entries SET amount = amount + 1").execute().await().indefinitely());
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> pool
                .query("DELETE FROM billing.ledger_entries").execute().await().indefinitely());
    }
}

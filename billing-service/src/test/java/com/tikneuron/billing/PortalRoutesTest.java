package com.tikneuron.billing;

import static com.tikneuron.billing.BillingTestSupport.hold;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.tikneuron.billing.portal.KeyRotationJob;
import com.tikneuron.billing.service.KeyService;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class PortalRoutesTest {

    @Inject
    Pool pool;

    @Inject
    KeyRotationJob rotation;

    @Test
    void aPortalAccountOpensWithTheSignupCreditsAndIssuesNamedKeysListedWithoutTheirText() {
        String account = openPortalAccount();
        given().get("/internal/v1/portal/accounts/" + account).then().statusCode(200)
                .body("credits", equalTo(0)).body("reserved", equalTo(0));

        var created = issue(account, "test", "ci runner");
        assertEquals("ci runner", created.get("name"));
        String key = (String) created.get("key");

        given().get("/internal/v1/portal/accounts/" + account + "/keys").then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].id", equalTo(created.get("id")))
                .body("data[0].name", equalTo("ci runner"))
                .body("data[0].mode", equalTo("test"))
                .body("data[0].prefix", equalTo(key.substring(0, 12)))
                .body("data[0].status", equalTo("active"))
                .body("data[0].key", nullValue())
                .body("data[0].digest", nullValue());
    }

    @Test
    void anotherAccountsKeyIsNotFoundToReadRotateOrRevoke() {
        String owner = openPortalAccount();
        String stranger = openPortalAccount();
        String keyId = (String) issue(owner, "live", "production").get("id");

        given().get("/internal/v1/portal/accounts/" + stranger + "/keys/" + keyId).then().statusCode(404)
                .body("error_code", equalTo("key_not_found"));
        given().delete("/internal/v1/portal/accounts/" + stranger + "/keys/" + keyId).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("grace_seconds", 0))
                .post("/internal/v1/portal/accounts/" + stranger + "/keys/" + keyId + "/rotate").then().statusCode(404);
        given().get("/internal/v1/portal/accounts/" + stranger + "/keys").then().statusCode(200).body("data", hasSize(0));
        given().get("/internal/v1/portal/accounts/" + owner + "/keys/" + keyId).then().statusCode(200)
                .body("status", equalTo("active"));

        given().delete("/internal/v1/portal/accounts/" + owner + "/keys/" + keyId).then().statusCode(204);
        given().get("/internal/v1/portal/accounts/" + owner + "/keys/" + keyId).then().statusCode(200)
                .body("status", equalTo("revoked")).body("revoked_at", notNullValue());
    }

    @Test
    void rotationIssuesANewKeyAndRevokesTheOldOneWhenItsGraceIsOver() {
        String account = openPortalAccount();
        var old = issue(account, "live", "server");
        String oldKey = (String) old.get("key");

        var rotated = given().contentType(ContentType.JSON).body(Map.of("grace_seconds", 3600))
                .post("/internal/v1/portal/accounts/" + account + "/keys/" + old.get("id") + "/rotate")
                .then().statusCode(201)
                .body("key.key", matchesPattern("tn_live_[0-9A-Za-z]{40}"))
                .body("key.name", equalTo("server"))
                .body("previous.status", equalTo("active"))
                .body("previous.revoke_after", notNullValue())
                .extract().jsonPath();
        String newKey = rotated.getString("key.key");
        given().get("/internal/v1/keys/" + KeyService.digest(oldKey)).then().body("status", equalTo("active"));

        // The grace period is over: the sweep revokes the old key, never the new one
        pool.preparedQuery("UPDATE billing.api_keys SET revoke_after = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString((String) old.get("id")))).await().indefinitely();
        rotation.revokeDue().await().indefinitely();
        given().get("/internal/v1/keys/" + KeyService.digest(oldKey)).then().body("status", equalTo("revoked"));
        given().get("/internal/v1/keys/" + KeyService.digest(newKey)).then().body("status", equalTo("active"));

        // A revoked key cannot be rotated again; a grace period out of range is refused
        given().contentType(ContentType.JSON).body(Map.of("grace_seconds", 0))
                .post("/internal/v1/portal/accounts/" + account + "/keys/" + old.get("id") + "/rotate")
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("grace_seconds", 8 * 86400))
                .post("/internal/v1/portal/accounts/" + account + "/keys/" + rotated.getString("key.id") + "/rotate")
                .then().statusCode(422).body("errors.grace_seconds", notNullValue());
    }

    @Test
    void dailyUsageSumsCapturedLiveCreditsPerDayAndCapability() {
        String account = given().header("Authorization", BillingTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "daily-" + UUID.randomUUID(), "credits", 10))
                .post("/admin/v1/accounts").then().statusCode(201).extract().path("id");
        String captured = "h-" + UUID.randomUUID();
        assertEquals(201, hold(captured, account, 2, "live"));
        assertEquals(201, hold("h-" + UUID.randomUUID(), account, 2, "live"));
        // Only the capture matters to the chart; the settlement path itself is SettlementTest's
        pool.preparedQuery("UPDATE billing.holds SET status = 'captured' WHERE id = $1")
                .execute(Tuple.of(captured)).await().indefinitely();

        given().queryParam("days", 30).get("/internal/v1/portal/accounts/" + account + "/usage/daily")
                .then().statusCode(200)
                .body("days", equalTo(30))
                .body("data", hasSize(1))
                .body("data[0].capability", equalTo("summary"))
                .body("data[0].credits", equalTo(2))
                .body("data[0].calls", equalTo(1));
        given().queryParam("days", 0).get("/internal/v1/portal/accounts/" + account + "/usage/daily")
                .then().statusCode(422).body("errors.days", notNullValue());
    }

    @Test
    void badNamesAndModesAreRefusedWithFieldErrors() {
        String account = openPortalAccount();
        given().contentType(ContentType.JSON).body(Map.of("mode", "gold", "name", "x".repeat(101)))
                .post("/internal/v1/portal/accounts/" + account + "/keys")
                .then().statusCode(422)
                .body("errors.mode", notNullValue())
                .body("errors.name", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("name", ""))
                .post("/internal/v1/portal/accounts").then().statusCode(422);
    }

    private static String openPortalAccount() {
        return given().contentType(ContentType.JSON).body(Map.of("name", "portal-" + UUID.randomUUID() + "@example.com"))
                .post("/internal/v1/portal/accounts").then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> issue(String account, String mode, String name) {
        return given().contentType(ContentType.JSON).body(Map.of("mode", mode, "name", name))
                .post("/internal/v1/portal/accounts/" + account + "/keys")
                .then().statusCode(201).extract().jsonPath().getMap("");
    }
}

package com.tikneuron.billing;

import static com.tikneuron.billing.BillingTestSupport.ADMIN;
import static com.tikneuron.billing.BillingTestSupport.available;
import static com.tikneuron.billing.BillingTestSupport.newCallId;
import static com.tikneuron.billing.BillingTestSupport.openAccount;
import static com.tikneuron.billing.BillingTestSupport.reserved;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.tikneuron.billing.service.KeyService;
import com.tikneuron.testsupport.ServiceCredentialForTests;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Every internal route refuses a caller without the service credential; the admin API keeps its own token. */
@QuarkusTest
class InternalRoutesNeedServiceCredentialTest {

    /** /q/openapi on the API port: the OpenAPI document generated from the resources. */
    @TestHTTPResource("/q/openapi")
    URL openApi;

    /** One internal route: its method, its path as OpenAPI writes it, and a concrete path to call. */
    private record Route(String method, String template, String path, Map<String, Object> body) {
    }

    private static List<Route> internalRoutes(String account) {
        String callId = newCallId();
        return List.of(
                new Route("GET", "/internal/v1/keys/{digest}", "/internal/v1/keys/" + KeyService.digest("tn_live_x"),
                        null),
                new Route("POST", "/internal/v1/holds", "/internal/v1/holds",
                        Map.of("hold_id", "summary:" + UUID.randomUUID(), "account_id", account, "amount", 2,
                                "capability", "summary", "request_id", callId)),
                new Route("GET", "/internal/v1/accounts/{accountId}/balance",
                        "/internal/v1/accounts/" + account + "/balance", null),
                new Route("GET", "/internal/v1/accounts/{accountId}/usage",
                        "/internal/v1/accounts/" + account + "/usage", null),
                new Route("POST", "/internal/v1/accounts/{accountId}/calls/{callId}/refund",
                        "/internal/v1/accounts/" + account + "/calls/" + callId + "/refund",
                        Map.of("reason", "failed_to_client")),
                new Route("POST", "/internal/v1/portal/accounts", "/internal/v1/portal/accounts",
                        Map.of("name", "portal-" + UUID.randomUUID())),
                new Route("GET", "/internal/v1/portal/accounts/{accountId}",
                        "/internal/v1/portal/accounts/" + account, null),
                new Route("GET", "/internal/v1/portal/accounts/{accountId}/keys",
                        "/internal/v1/portal/accounts/" + account + "/keys", null),
                new Route("GET", "/internal/v1/portal/accounts/{accountId}/keys/{keyId}",
                        "/internal/v1/portal/accounts/" + account + "/keys/" + UUID.randomUUID(), null),
                new Route("POST", "/internal/v1/portal/accounts/{accountId}/keys/{keyId}/rotate",
                        "/internal/v1/portal/accounts/" + account + "/keys/" + UUID.randomUUID() + "/rotate",
                        Map.of("grace_seconds", 0)),
                new Route("GET", "/internal/v1/portal/accounts/{accountId}/usage/daily",
                        "/internal/v1/portal/accounts/" + account + "/usage/daily", null));
    }

    private static ValidatableResponse call(Route route, String credential) {
        var request = given().contentType(ContentType.JSON);
        if (credential != null) {
            request.header(ServiceCredentialForTests.HEADER, credential);
        }
        if (route.body() != null) {
            request.body(route.body());
        }
        return request.request(route.method(), route.path()).then();
    }

    private static void assertRefused(ValidatableResponse response) {
        response.statusCode(401)
                .contentType(ContentType.JSON)
                .body("error_code", equalTo("unauthorized"))
                .body("message", equalTo("This internal route needs the service credential."))
                .body("request_id", not(emptyOrNullString()));
    }

    @Test
    void theListBelowIsEveryInternalRouteBillingServes() {
        Map<String, Object> paths = given().queryParam("format", "json").get(openApi).then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        Set<String> served = new TreeSet<>();
        paths.keySet().stream().filter(path -> path.startsWith("/internal/")).forEach(served::add);
        Set<String> listed = new TreeSet<>();
        internalRoutes(UUID.randomUUID().toString()).forEach(route -> listed.add(route.template()));

        assertEquals(listed, served);
    }

    @Test
    void everyInternalRouteAnswers401WithoutTheCredentialAndDoesNothing() {
        String account = openAccount(10);
        ServiceCredentialForTests.withoutCredential();

        for (Route route : internalRoutes(account)) {
            assertRefused(call(route, null));
        }
        assertRefused(given().get("/internal/v2/anything").then());

        given().header(ServiceCredentialForTests.HEADER, ServiceCredentialForTests.VALUE)
                .get("/internal/v1/accounts/" + account + "/balance").then().statusCode(200)
                .body("credits", equalTo(10)).body("reserved", equalTo(0));
    }

    /** The REST layer drops matrix parameters from each segment, so these paths are served as /internal/…. */
    @Test
    void matrixParametersInThePathDoNotSlipPastTheCheck() {
        String account = openAccount(10);
        List<String> disguised = List.of("/internal;/v1/accounts/" + account + "/balance",
                "/internal;x=1/v1/accounts/" + account + "/balance",
                "/internal/v1;/accounts/" + account + "/balance",
                "//internal;/v1/accounts/" + account + "/balance");

        for (String path : disguised) {
            given().urlEncodingEnabled(false).header(ServiceCredentialForTests.HEADER, ServiceCredentialForTests.VALUE)
                    .get(path).then().statusCode(200).body("credits", equalTo(10));
        }
        ServiceCredentialForTests.withoutCredential();
        for (String path : disguised) {
            assertRefused(given().urlEncodingEnabled(false).get(path).then());
        }
    }

    @Test
    void everyInternalRouteAnswers401WithAWrongCredential() {
        String account = openAccount(10);
        String wrong = "x".repeat(ServiceCredentialForTests.VALUE.length());

        for (Route route : internalRoutes(account)) {
            assertRefused(call(route, wrong));
            assertRefused(call(route, ServiceCredentialForTests.VALUE.substring(1)));
            assertRefused(call(route, ""));
        }
        assertEquals(10, available(account));
        assertEquals(0, reserved(account));
    }

    @Test
    void withTheCredentialEveryInternalRouteIsServed() {
        String account = openAccount(10);

        for (Route route : internalRoutes(account)) {
            int status = call(route, ServiceCredentialForTests.VALUE).extract().statusCode();
            assertNotEquals(401, status, route.method() + " " + route.path() + " refused the credential");
        }
    }

    @Test
    void theAdminApiTakesItsBearerTokenNotTheServiceCredential() {
        ServiceCredentialForTests.withoutCredential();

        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "acct-" + UUID.randomUUID(), "credits", 1))
                .post("/admin/v1/accounts").then().statusCode(201);
        given().header(ServiceCredentialForTests.HEADER, ServiceCredentialForTests.VALUE)
                .contentType(ContentType.JSON).body(Map.of("name", "x", "credits", 1))
                .post("/admin/v1/accounts").then().statusCode(401)
                .body("error_code", equalTo("unauthorized"))
                .body("message", equalTo("Missing or invalid admin token"));
    }
}

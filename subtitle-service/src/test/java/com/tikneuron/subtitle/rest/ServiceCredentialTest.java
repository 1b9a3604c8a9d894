package com.tikneuron.subtitle.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.tikneuron.subtitle.support.InternalContract;
import com.tikneuron.subtitle.support.StandInResource;
import com.tikneuron.subtitle.support.Stubs;
import com.tikneuron.testsupport.ServiceCredentialForTests;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every route of this service is internal (the gateway's forwarded calls and the other services' calls): without the
 * service credential, or with a wrong one, each answers 401 before any TikTok or billing work.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class ServiceCredentialTest {

    private static final String VIDEO = "7354861484037524768";
    private static final String BODY = "{\"error_code\":\"unauthorized\",\"message\":\"This internal route needs the service credential.\","
            + "\"request_id\":\"req-no-credential\"}";

    /** The internal API's every operation, read from its contract so a new route is covered too, and the public one. */
    private static List<Map.Entry<String, String>> routes() {
        List<Map.Entry<String, String>> routes = new ArrayList<>();
        InternalContract.operations().forEach(op -> routes.add(Map.entry(op.getKey(), op.getValue().replace("{videoId}", VIDEO))));
        routes.add(Map.entry("post", "/api/v1/tiktok/subtitle"));
        return routes;
    }

    private static Response send(RequestSpecification request, Map.Entry<String, String> route, String account) {
        request.header("X-Request-Id", "req-no-credential").header("X-Account-Id", account).header("X-Key-Mode", "live");
        if (route.getKey().equals("post")) {
            request.contentType(ContentType.JSON).body(Map.of("url", "https://www.tiktok.com/@someone/video/" + VIDEO));
        }
        return request.request(route.getKey().toUpperCase(), route.getValue());
    }

    private static void assertRefused(Response response, Map.Entry<String, String> route) {
        assertEquals(401, response.statusCode(), route + " answered " + response.asString());
        assertTrue(response.contentType().startsWith("application/json"), route + ": " + response.contentType());
        assertEquals(BODY, response.asString(), route.toString());
        InternalContract.assertMatches(InternalContract.component("Error"), response.asString());
    }

    @Test
    void theContractDocumentsTheRefusalOnEveryInternalRoute() {
        for (Map.Entry<String, String> op : InternalContract.operations()) {
            assertEquals(InternalContract.component("Error"), InternalContract.schema(op.getValue(), op.getKey(), "401"),
                    op + " documents its 401 with the Error body");
        }
    }

    @Test
    void everyRouteRefusesACallWithoutTheCredential() {
        List<Map.Entry<String, String>> routes = routes();
        assertTrue(routes.size() >= 5, "the contract's four internal operations and the public one: " + routes);
        String account = Stubs.account(10);
        int pages = Stubs.served("pages", VIDEO);
        ServiceCredentialForTests.withoutCredential();
        for (Map.Entry<String, String> route : routes) {
            assertRefused(send(given(), route, account), route);
        }
        assertEquals(pages, Stubs.served("pages", VIDEO), "no TikTok work for a refused call");
        assertEquals(0, Stubs.holds(account).size(), "no hold for a refused call");
    }

    @Test
    void everyRouteRefusesAWrongCredential() {
        String account = Stubs.account(10);
        int pages = Stubs.served("pages", VIDEO);
        List<String> wrong = List.of(ServiceCredentialForTests.VALUE + "x", ServiceCredentialForTests.VALUE.substring(1),
                ServiceCredentialForTests.VALUE.toUpperCase(), "not-" + UUID.randomUUID() + "-the-credential");
        for (Map.Entry<String, String> route : routes()) {
            for (String credential : wrong) {
                assertRefused(send(given().header(ServiceCredentialForTests.HEADER, credential), route, account), route);
            }
        }
        assertEquals(pages, Stubs.served("pages", VIDEO), "no TikTok work for a refused call");
        assertEquals(0, Stubs.holds(account).size(), "no hold for a refused call");
    }

    @Test
    void theRightCredentialIsLetThrough() {
        String account = Stubs.account(10);
        for (Map.Entry<String, String> route : routes()) {
            int status = send(given(), route, account).statusCode();
            assertTrue(status != 401, route + " refused the right credential");
        }
    }
}

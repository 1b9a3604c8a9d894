package com.tikneuron.subtitle.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.http.ContentType;

/** Talks to the two stand-ins over HTTP: accounts and received holds on billing's, request counts on TikTok's. */
public final class Stubs {

    private Stubs() {
    }

    public static String billingUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.rest-client.billing.url", String.class);
    }

    public static String tiktokOrigin() {
        return ConfigProvider.getConfig().getValue("tikneuron.tiktok.origin", String.class);
    }

    public static String account(int credits) {
        return account(credits, false);
    }

    public static String account(int credits, boolean broken) {
        String id = UUID.randomUUID().toString();
        given().baseUri(billingUrl()).contentType(ContentType.JSON)
                .body(Map.of("account_id", id, "credits", credits, "broken", broken))
                .post("/__test/accounts").then().statusCode(204);
        return id;
    }

    public static List<Map<String, Object>> holds(String accountId) {
        return given().baseUri(billingUrl()).queryParam("account_id", accountId).get("/__test/holds")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** How many times the stand-in served something of a kind ("pages", "captions", "media", "short_links") for a key. */
    public static int served(String kind, String key) {
        Integer count = given().baseUri(tiktokOrigin()).get("/__standin/stats")
                .then().statusCode(200).extract().jsonPath().get(kind + ".'" + key + "'");
        return count == null ? 0 : count;
    }
}

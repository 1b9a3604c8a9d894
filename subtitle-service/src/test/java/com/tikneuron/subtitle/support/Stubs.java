package com.tikneuron.subtitle.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Sets accounts up on billing's stand-in and reads the holds it received; counts requests on TikTok's over HTTP. */
public final class Stubs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Stubs() {
    }

    public static String tiktokOrigin() {
        return ConfigProvider.getConfig().getValue("tikneuron.tiktok.origin", String.class);
    }

    public static String account(int credits) {
        return account(credits, false);
    }

    /** A new account with this balance; a {@code broken} one has every hold answered 503, as when billing is down. */
    public static String account(int credits, boolean broken) {
        String id = UUID.randomUUID().toString();
        StandInResource.billing().balance(id, credits);
        if (broken) {
            StandInResource.billing().downFor(id);
        }
        return id;
    }

    /** The hold requests billing received for an account, in order. */
    public static List<Map<String, Object>> holds(String accountId) {
        return StandInResource.billing().holds(accountId).stream()
                .map(hold -> JSON.convertValue(hold, new TypeReference<Map<String, Object>>() {
                })).toList();
    }

    /** How many times the stand-in served something of a kind ("pages", "captions", "media", "short_links") for a key. */
    public static int served(String kind, String key) {
        Integer count = given().baseUri(tiktokOrigin()).get("/__standin/stats")
                .then().statusCode(200).extract().jsonPath().get(kind + ".'" + key + "'");
        return count == null ? 0 : count;
    }
}

package com.tikneuron.subtitle.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tikneuron.subtitle.support.CacheRows;
import com.tikneuron.subtitle.support.StandInResource;
import com.tikneuron.subtitle.support.Stubs;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A track just served is answered from memory for a while: the hits that follow do not read PostgreSQL (shown by
 * taking the rows away under the service), and once the memory has expired the database is the truth again.
 */
@QuarkusTest
@TestProfile(RecentTracksTest.ShortMemory.class)
@WithTestResource(StandInResource.class)
class RecentTracksTest {

    private static final String VIDEO = "7396888120245563187";
    private static final Duration MEMORY = Duration.ofSeconds(2);

    public static class ShortMemory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tikneuron.captions.memo-ttl", MEMORY.toString(),
                    "%test.tikneuron.captions.memo-ttl", MEMORY.toString());
        }
    }

    private static Response subtitle(String account) {
        return given().contentType(ContentType.JSON)
                .header("X-Account-Id", account).header("X-Key-Mode", "live")
                .body(Map.of("url", "https://www.tiktok.com/@_/video/" + VIDEO, "format", "srt"))
                .post("/api/v1/tiktok/subtitle");
    }

    @Test
    void hitsAreServedFromMemoryUntilItExpires() throws Exception {
        CacheRows.forget(VIDEO);
        String account = Stubs.account(10);
        int pagesBefore = Stubs.served("pages", VIDEO);

        Response paid = subtitle(account);
        assertEquals(200, paid.statusCode(), paid.asString());
        assertFalse(paid.jsonPath().getBoolean("cached"));
        // The first hit reads the stored track and remembers it.
        Response firstHit = subtitle(account);
        assertTrue(firstHit.jsonPath().getBoolean("cached"));

        CacheRows.forget(VIDEO);
        Response fromMemory = subtitle(account);
        assertEquals(200, fromMemory.statusCode(), fromMemory.asString());
        assertTrue(fromMemory.jsonPath().getBoolean("cached"));
        assertEquals("0", fromMemory.header("X-Credits-Charged"));
        assertEquals(paid.jsonPath().getString("subtitle_content"), fromMemory.jsonPath().getString("subtitle_content"));
        assertEquals(pagesBefore + 1, Stubs.served("pages", VIDEO), "answered without TikTok and without the rows");

        Thread.sleep(MEMORY.plusMillis(500).toMillis());
        Response afterExpiry = subtitle(account);
        assertEquals(200, afterExpiry.statusCode(), afterExpiry.asString());
        assertFalse(afterExpiry.jsonPath().getBoolean("cached"), "the rows are gone, so it is fetched and paid again");
        assertEquals(pagesBefore + 2, Stubs.served("pages", VIDEO));
        assertEquals(2, Stubs.holds(account).size());
    }
}

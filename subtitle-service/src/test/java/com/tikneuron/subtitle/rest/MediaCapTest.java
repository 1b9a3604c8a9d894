package com.tikneuron.subtitle.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tikneuron.subtitle.support.StandInResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Media past the configured cap is refused with the contract's 413 before any byte is passed on. */
@QuarkusTest
@TestProfile(MediaCapTest.SmallMediaCap.class)
@WithTestResource(StandInResource.class)
class MediaCapTest {

    /** A cap far below the stand-in's 3-second MP3. */
    public static class SmallMediaCap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tikneuron.tiktok.max-media-bytes", "1000");
        }
    }

    @Test
    void mediaPastTheCapIsA413() {
        given().get("/internal/v1/videos/7354861484037524768/media").then()
                .statusCode(413)
                .body("error_code", equalTo("media_too_large"))
                .body("message", startsWith("The video's media is larger than"));
    }
}

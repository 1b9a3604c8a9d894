package com.tikneuron.diarization.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.tikneuron.diarization.harness.StandInMedia;
import com.tikneuron.diarization.standin.RemoteEngineStandIn;
import com.tikneuron.diarization.standin.StandIns;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(RemoteEngineProfile.class)
@WithTestResource(StandIns.class)
class RemoteEngineResourceTest {

    @Test
    void remoteEngineDiarizesTheUploadedAudioAndLabelsSpeakersInOrder() {
        String account = UUID.randomUUID().toString();
        String video = "7387343747620774992";
        StandIns.subtitles().media(video, StandInMedia.conversationMp3());
        given().contentType(ContentType.JSON).header("X-Account-Id", account).header("X-Key-Mode", "live")
                .body("{\"url\":\"https://www.tiktok.com/@creator/video/" + video + "\",\"format\":\"txt\"}")
                .post("/api/v1/tiktok/diarization")
                .then().statusCode(200)
                .header("X-Credits-Charged", "10")
                .body("transcription_content", equalTo("Speaker A: Hey everyone, welcome back to my channel.\n"
                        + "Speaker B: Thanks for having me on your show today.\n"
                        + "Speaker A: It is great to have you."));
        RemoteEngineStandIn.Upload upload = StandIns.remote().uploads().getLast();
        assertEquals("/diarize", upload.path());
        assertEquals("Bearer " + RemoteEngineStandIn.API_KEY, upload.authorization());
        assertTrue(upload.fields().get("file").startsWith("RIFF"), "the audio is uploaded as WAV");

        given().contentType(ContentType.JSON).header("X-Account-Id", account).header("X-Key-Mode", "live")
                .body("{\"url\":\"https://www.tiktok.com/@creator/video/" + video + "\",\"format\":\"vtt\"}")
                .post("/api/v1/tiktok/diarization")
                .then().statusCode(200).header("X-Credits-Charged", "0").body("cached", equalTo(true))
                .body("transcription_content", equalTo("WEBVTT\n\n00:00:00.520 --> 00:00:03.100\n"
                        + "<v Speaker A>Hey everyone, welcome back to my channel.\n\n00:00:03.400 --> 00:00:05.900\n"
                        + "<v Speaker B>Thanks for having me on your show today.\n\n00:00:06.300 --> 00:00:07.800\n"
                        + "<v Speaker A>It is great to have you."));
    }
}

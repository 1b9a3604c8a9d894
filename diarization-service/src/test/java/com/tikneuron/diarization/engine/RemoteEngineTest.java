package com.tikneuron.diarization.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tikneuron.diarization.standin.RemoteEngineStandIn;

/** The remote engine against a stand-in speaking both dialects. */
class RemoteEngineTest {

    private static RemoteEngineStandIn server;
    private static final Audio AUDIO = new Audio(new short[16_000]);

    @BeforeAll
    static void start() {
        server = new RemoteEngineStandIn();
    }

    @AfterAll
    static void stop() {
        server.shutdown();
    }

    @Test
    void openAiDiarizedJsonBecomesLabelledTurnsWithoutWordTimings() {
        RemoteEngine engine = new RemoteEngine(server.baseUrl() + "/v1", RemoteEngineStandIn.API_KEY, RemoteEngine.OPENAI,
                "gpt-4o-transcribe-diarize", Duration.ofSeconds(10));
        List<Segment> segments = engine.diarize(AUDIO, RemoteEngineTest::noTranscript);
        assertEquals(List.of("Speaker A", "Speaker B", "Speaker A"), segments.stream().map(Segment::speaker).toList());
        assertEquals("Thanks for having me on your show today.", segments.get(1).text());
        assertEquals(3.4, segments.get(1).start());
        assertTrue(segments.get(0).words().isEmpty());
        RemoteEngineStandIn.Upload upload = server.uploads().getLast();
        assertEquals("/v1/audio/transcriptions", upload.path());
        assertEquals("diarized_json", upload.fields().get("response_format"));
        assertEquals("gpt-4o-transcribe-diarize", upload.fields().get("model"));
        assertEquals("remote-openai-gpt-4o-transcribe-diarize", engine.id());
    }

    @Test
    void whisperxSegmentsKeepTheirWordsAndSpeakersAreRenamedByFirstAppearance() {
        RemoteEngine engine = new RemoteEngine(server.baseUrl(), RemoteEngineStandIn.API_KEY, RemoteEngine.WHISPERX,
                "unused", Duration.ofSeconds(10));
        List<Segment> segments = engine.diarize(AUDIO, RemoteEngineTest::noTranscript);
        // The server calls the first voice SPEAKER_01: the public label goes by who speaks first.
        assertEquals("Speaker A", segments.getFirst().speaker());
        assertEquals(7, segments.getFirst().words().size());
        assertEquals(new Word("welcome", 1.31, 1.68), segments.getFirst().words().get(2));
    }

    @Test
    void whisperxIsSentTheCallersSpeakerCountBounds() {
        RemoteEngine engine = new RemoteEngine(server.baseUrl(), RemoteEngineStandIn.API_KEY, RemoteEngine.WHISPERX,
                "unused", Duration.ofSeconds(10));
        engine.diarize(AUDIO, RemoteEngineTest::noTranscript, new SpeakerHints(2, 4));
        assertEquals("2", server.uploads().getLast().fields().get("min_speakers"));
        assertEquals("4", server.uploads().getLast().fields().get("max_speakers"));
        engine.diarize(AUDIO, RemoteEngineTest::noTranscript);
        assertTrue(!server.uploads().getLast().fields().containsKey("min_speakers"), "no hint, no field");
    }

    @Test
    void aRefusedKeyIsAnEngineFailure() {
        RemoteEngine engine = new RemoteEngine(server.baseUrl(), "sk-wrong", RemoteEngine.WHISPERX, "unused",
                Duration.ofSeconds(10));
        EngineFailedException failure = assertThrows(EngineFailedException.class, () -> engine.diarize(AUDIO, RemoteEngineTest::noTranscript));
        assertEquals("The diarization engine answered HTTP 401", failure.getMessage());
    }

    /** A remote diarization engine recognises the speech itself and never asks the speech service. */
    private static com.tikneuron.diarization.speech.Transcript noTranscript() {
        throw new AssertionError("a remote diarization engine asked for the speech service's transcript");
    }
}

package com.tikneuron.diarization.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;
import com.tikneuron.diarization.config.DiarizationConfig;
import com.tikneuron.diarization.engine.Audio;
import com.tikneuron.diarization.engine.EngineFailedException;
import com.tikneuron.diarization.harness.StandInMedia;
import com.tikneuron.diarization.harness.Tools;

class AudioDecoderTest {

    @BeforeAll
    static void toolsAreInstalled() {
        Tools.require("ffmpeg", "espeak-ng", "sox");
    }

    @Test
    void videoBecomesSixteenKilohertzMonoPcm() {
        Audio audio = decoder(Duration.ofMinutes(10)).decode(StandInMedia.conversationMp4());
        assertTrue(audio.seconds() > 15 && audio.seconds() < 30, "decoded " + audio.seconds() + " s");
    }

    @Test
    void audioLongerThanTheLimitIsRefusedClearly() {
        EngineFailedException failure = assertThrows(EngineFailedException.class,
                () -> decoder(Duration.ofSeconds(10)).decode(StandInMedia.conversationMp3()));
        assertEquals("The video is longer than the 10 second limit", failure.getMessage());
    }

    @Test
    void silenceIsNoSpeech() {
        EngineFailedException failure = assertThrows(EngineFailedException.class,
                () -> decoder(Duration.ofMinutes(10)).decode(StandInMedia.silentMp4()));
        assertEquals(EngineFailedException.NO_SPEECH, failure.getMessage());
    }

    @Test
    void somethingThatIsNotMediaCannotBeDecoded(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.mp4"), "<html>Access Denied</html>");
        EngineFailedException failure = assertThrows(EngineFailedException.class,
                () -> decoder(Duration.ofMinutes(10)).decode(junk));
        assertEquals(AudioDecoder.UNDECODABLE, failure.getMessage());
    }

    @Test
    void mp3AudioStillDecodes() {
        Audio audio = decoder(Duration.ofMinutes(10)).decode(StandInMedia.conversationMp3());
        assertTrue(audio.seconds() > 15 && audio.seconds() < 30, "decoded " + audio.seconds() + " s");
    }

    @Test
    void playlistPointingAtAUrlIsRefusedAndNothingIsFetched(@TempDir Path dir) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/segment0.ts";
            Path playlist = Files.writeString(dir.resolve("media.bin"), hls(url));
            EngineFailedException failure = assertThrows(EngineFailedException.class,
                    () -> decoder(Duration.ofMinutes(10)).decode(playlist));
            assertEquals(AudioDecoder.UNDECODABLE, failure.getMessage());
            assertEquals(0, requests.get(), "no request leaves");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void playlistPointingAtAnotherLocalFileIsRefusedInsteadOfFollowed(@TempDir Path dir) throws Exception {
        // The file it names is real speech: followed, it would decode.
        String speech = StandInMedia.conversationMp3().toAbsolutePath().toString();
        Path playlist = Files.writeString(dir.resolve("media.bin"), hls(speech));
        EngineFailedException failure = assertThrows(EngineFailedException.class,
                () -> decoder(Duration.ofMinutes(10)).decode(playlist));
        assertEquals(AudioDecoder.UNDECODABLE, failure.getMessage());
    }

    @Test
    void concatScriptNamingAnotherFileIsRefusedInsteadOfFollowed(@TempDir Path dir) throws Exception {
        Files.copy(StandInMedia.conversationMp3(), dir.resolve("other.mp3"));
        Path script = Files.writeString(dir.resolve("media.bin"), "ffconcat version 1.0\nfile other.mp3\n");
        EngineFailedException failure = assertThrows(EngineFailedException.class,
                () -> decoder(Duration.ofMinutes(10)).decode(script));
        assertEquals(AudioDecoder.UNDECODABLE, failure.getMessage());
    }

    private static String hls(String segment) {
        return "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:30\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:30.0,\n"
                + segment + "\n#EXT-X-ENDLIST\n";
    }

    private static AudioDecoder decoder(Duration maxDuration) {
        DiarizationConfig config = (DiarizationConfig) Proxy.newProxyInstance(DiarizationConfig.class.getClassLoader(),
                new Class<?>[] { DiarizationConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "maxDuration" -> maxDuration;
                    case "ffmpeg" -> "ffmpeg";
                    case "ffmpegTimeout" -> Duration.ofSeconds(60);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new AudioDecoder(config);
    }
}

package com.tikneuron.diarization.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

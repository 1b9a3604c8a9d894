package com.tikneuron.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The caption-less fixture videos the stand-in makes with espeak-ng and ffmpeg: real MP4s of the stated length. */
class SpokenMediaTest {

    @Test
    void theSpokenVideosAreMp4sAsLongAsTheirPagesSay() throws Exception {
        assertEquals(28, seconds(Spoken.SPEAKING), 1.0);
        assertEquals(12, seconds(Spoken.SILENT), 0.5);
        assertEquals(180, seconds(Spoken.THREE_MINUTES), 0.5);
        assertTrue(Fixtures.fromClasspath().video(Spoken.SPEAKING).itemJson().contains("\"subtitleInfos\":[]"), "no captions");
        assertTrue(Fixtures.fromClasspath().video(Spoken.THREE_MINUTES).itemJson().contains("\"duration\":180"));
    }

    @Test
    void onlyTheirMediaPathsAreMadeHere() {
        assertEquals(Spoken.SPEAKING, Spoken.videoOf("/video/tos/maliva/tos-maliva-ve-0068c799-us/" + Spoken.SPEAKING + "/play.mp4"));
        assertNull(Spoken.videoOf("/video/tos/maliva/tos-maliva-ve-0068c799-us/7361573949415050724/play.mp4"));
    }

    private static double seconds(String id) throws Exception {
        byte[] mp4 = Spoken.mp4(id);
        assertEquals("ftyp", new String(mp4, 4, 4, StandardCharsets.US_ASCII));
        Path file = Files.createTempFile("spoken", ".mp4");
        try {
            Files.write(file, mp4);
            Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                    "default=noprint_wrappers=1:nokey=1", file.toString()).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            assertTrue(probe.waitFor(30, TimeUnit.SECONDS));
            return Double.parseDouble(out);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

package com.tikneuron.diarization.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.tikneuron.standin.OnScreen;

/** Picture sizes read from headers of files ffmpeg made, and of a PNG that declares far more than it holds. */
class ImageHeadersTest {

    @TempDir
    Path dir;

    @Test
    void jpegPngAndWebpSizesComeFromTheirHeaders() throws Exception {
        for (String extension : List.of("jpeg", "png", "webp")) {
            Path file = dir.resolve("picture." + extension);
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "color=c=gray:s=720x960", "-frames:v", "1", file.toString()).inheritIO().start();
            assertEquals(0, ffmpeg.waitFor(), "ffmpeg made the " + extension);
            assertEquals(Optional.of(new ImageHeaders.Size(720, 960)), ImageHeaders.size(file), extension);
        }
    }

    @Test
    void aTinyPngDeclaringAHugePictureIsReadAsHugeAndAnythingElseHasNoSize() throws IOException {
        Path bomb = Files.write(dir.resolve("bomb.png"), OnScreen.oversizedPng());
        assertEquals(900_000_000L, ImageHeaders.size(bomb).orElseThrow().pixels());
        Path html = Files.writeString(dir.resolve("page.jpeg"), "<html>not a picture</html>");
        assertEquals(Optional.empty(), ImageHeaders.size(html));
    }
}

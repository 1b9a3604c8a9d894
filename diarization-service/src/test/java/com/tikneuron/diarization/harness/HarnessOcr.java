package com.tikneuron.diarization.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.config.DiarizationConfig;
import com.tikneuron.diarization.config.OcrConfig;
import com.tikneuron.diarization.ocr.FrameSampler;
import com.tikneuron.diarization.ocr.OnScreenTextReader;
import com.tikneuron.diarization.ocr.SlideImages;
import com.tikneuron.diarization.ocr.TesseractReader;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The on-screen text reader as the harness runs it: the service's own settings, local files instead of downloads. */
final class HarnessOcr {

    private HarnessOcr() {
    }

    static OnScreenTextReader reader() {
        Tools.require("ffmpeg", "ffprobe", "tesseract");
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().addDefaultSources()
                    // Quarkus's own duration format ("2m", "3s"), as the service reads it
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withSources(new PropertiesConfigSource(HarnessOcr.class.getResource("/application.properties")))
                    .withMapping(OcrConfig.class).withMapping(DiarizationConfig.class)
                    .build();
            OcrConfig ocr = config.getConfigMapping(OcrConfig.class);
            DiarizationConfig media = config.getConfigMapping(DiarizationConfig.class);
            // No downloads in the harness: the media client and the image client are never called
            return new OnScreenTextReader(null, null, new FrameSampler(ocr, media, new ObjectMapper()),
                    new SlideImages(ocr, media), new TesseractReader(ocr), ocr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A video made once into target/standin-media: {@code picture} (an ffmpeg lavfi source) behind two-line cards of
     * {@code seconds} each, white with a black border as TikTok's editor draws them, over a tone.
     */
    static Path cardsVideo(String name, String picture, List<String> lines, double seconds, double length, boolean regularFont) {
        Path target = StandInMedia.directory().resolve(name + ".mp4");
        if (Files.exists(target)) {
            return target;
        }
        try {
            Files.createDirectories(StandInMedia.directory());
            Path dir = Files.createTempDirectory("ocr-harness");
            List<String> filters = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                Path text = dir.resolve("line-" + i + ".txt");
                Files.writeString(text, lines.get(i), StandardCharsets.UTF_8);
                int card = i / 2;
                filters.add("drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans" + (regularFont ? "" : "-Bold")
                        + ".ttf:textfile=" + text + ":fontsize=36:fontcolor=white:borderw=3:bordercolor=black:x=(w-text_w)/2:y="
                        + (320 + (i % 2) * 72) + String.format(Locale.ROOT, ":enable='between(t,%.2f,%.2f)'",
                                card * seconds, card * seconds + seconds - 0.01));
            }
            List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", picture, "-f", "lavfi", "-i", "sine=f=330"));
            if (!filters.isEmpty()) {
                command.addAll(List.of("-vf", String.join(",", filters)));
            }
            command.addAll(List.of("-t", String.valueOf(length), "-c:v", "libx264", "-preset", "ultrafast",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart", target.toString()));
            Tools.run(command);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

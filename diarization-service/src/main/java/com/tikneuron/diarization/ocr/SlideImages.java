package com.tikneuron.diarization.ocr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.diarization.config.DiarizationConfig;
import com.tikneuron.diarization.config.OcrConfig;

/**
 * Makes a downloaded slide safe to read: the format is told by its first bytes (JPEG, PNG or WebP, nothing else),
 * its size is read from its header without decoding ({@link ImageHeaders}), a picture of more than
 * {@code max-image-pixels} is refused (a small file can declare a huge picture), and the rest is decoded once by
 * ffmpeg, with the format's demuxer forced, into a grey PNG at most 1080 pixels wide for Tesseract.
 */
@ApplicationScoped
public class SlideImages {

    static final String NOT_AN_IMAGE = "A slide of this post is not an image we can read";
    static final String TOO_LARGE = "A slide of this post is too large to read";
    private static final int MAX_WIDTH = 1080;

    private final OcrConfig config;
    private final DiarizationConfig media;

    public SlideImages(OcrConfig config, DiarizationConfig media) {
        this.config = config;
        this.media = media;
    }

    public Path normalise(Path image, Path target, Instant deadline) {
        ImageHeaders.Size size = ImageHeaders.size(image).orElseThrow(() -> new OcrFailedException(NOT_AN_IMAGE));
        if (size.width() <= 0 || size.height() <= 0) {
            throw new OcrFailedException(NOT_AN_IMAGE);
        }
        if (size.pixels() > config.maxImagePixels()) {
            throw new OcrFailedException(TOO_LARGE);
        }
        String demuxer = ImageHeaders.format(head(image));
        Processes.Result decoded = Processes.run(List.of(media.ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-protocol_whitelist", "file", "-f", demuxer, "-i", "file:" + image.toAbsolutePath(), "-frames:v", "1",
                "-vf", "scale=w=min(iw\\," + MAX_WIDTH + "):h=-2,format=gray", "-f", "image2", "-y", target.toString()),
                Map.of(), FrameSampler.remaining(deadline), 64 * 1024, "ffmpeg");
        if (decoded.exitCode() != 0 || !Files.exists(target)) {
            throw new OcrFailedException(NOT_AN_IMAGE);
        }
        return target;
    }

    private static byte[] head(Path image) {
        try (InputStream in = Files.newInputStream(image)) {
            return in.readNBytes(16);
        } catch (IOException e) {
            throw new IllegalStateException("the slide file cannot be read", e);
        }
    }
}

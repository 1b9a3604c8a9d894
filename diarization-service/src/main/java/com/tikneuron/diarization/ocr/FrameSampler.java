package com.tikneuron.diarization.ocr;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.config.DiarizationConfig;
import com.tikneuron.diarization.config.OcrConfig;

/**
 * Samples a video's frames with ffmpeg (grey, at most {@code frame-width} wide): one per {@code frame-interval}, more
 * sparsely for videos longer than {@code max-frames} intervals, never more than {@code max-frames}. Then marks the
 * frames that differ from the last one kept, the only ones worth reading. Only MP4 and its kin are opened, with the
 * demuxer forced and local files only, as the audio decoder does.
 */
@ApplicationScoped
public class FrameSampler {

    /** The frames sampled every {@code interval} seconds from 0, and for each the index of the changed frame it repeats. */
    public record Frames(List<Path> files, List<Integer> shownBy, double interval, double duration) {

        /** The frames that differ from their predecessor: the ones to read. */
        public List<Integer> changed() {
            List<Integer> changed = new ArrayList<>();
            for (int i = 0; i < shownBy.size(); i++) {
                if (shownBy.get(i) == i) {
                    changed.add(i);
                }
            }
            return changed;
        }
    }

    static final String NO_PICTURE = "The video's media has no picture to read";
    private static final Set<String> ISO_BOXES = Set.of("ftyp", "moov", "mdat", "free", "skip", "wide");
    private static final int THUMB = 32;

    private final OcrConfig config;
    private final DiarizationConfig media;
    private final ObjectMapper mapper;

    public FrameSampler(OcrConfig config, DiarizationConfig media, ObjectMapper mapper) {
        this.config = config;
        this.media = media;
        this.mapper = mapper;
    }

    public Frames sample(Path video, Path directory, Instant deadline) {
        if (!isIsoMedia(video)) {
            throw new OcrFailedException(NO_PICTURE);
        }
        JsonNode probe = probe(video, deadline);
        JsonNode picture = null;
        for (JsonNode stream : probe.path("streams")) {
            if ("video".equals(stream.path("codec_type").asText()) && picture == null) {
                picture = stream;
            }
        }
        if (picture == null) {
            throw new OcrFailedException(NO_PICTURE);
        }
        long pixels = picture.path("width").asLong(0) * picture.path("height").asLong(0);
        if (pixels <= 0 || pixels > config.maxImagePixels()) {
            throw new OcrFailedException("The video's picture is too large to read");
        }
        double duration = probe.path("format").path("duration").asDouble(0);
        if (duration > media.maxDuration().toSeconds()) {
            throw new OcrFailedException("The video is longer than the " + media.maxDuration().toMinutes() + " minute limit");
        }
        double interval = Math.max(config.frameInterval().toMillis() / 1000.0, duration / config.maxFrames());
        Processes.Result result = Processes.run(List.of(media.ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-protocol_whitelist", "file", "-f", "mov", "-i", "file:" + video.toAbsolutePath(),
                "-an", "-sn", "-dn",
                "-vf", String.format(Locale.ROOT, "fps=fps=%.6f,scale=w=min(iw\\,%d):h=-2,format=gray", 1 / interval,
                        config.frameWidth()),
                "-frames:v", String.valueOf(config.maxFrames()), "-f", "image2",
                directory.resolve("frame-%05d.png").toString()), Map.of(), remaining(deadline), 64 * 1024, "ffmpeg");
        if (result.exitCode() != 0) {
            throw new OcrFailedException("The video's picture could not be decoded");
        }
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= config.maxFrames(); i++) {
            Path file = directory.resolve(String.format(Locale.ROOT, "frame-%05d.png", i));
            if (!Files.exists(file)) {
                break;
            }
            files.add(file);
        }
        return new Frames(files, shownBy(files), interval, duration > 0 ? duration : files.size() * interval);
    }

    /** For each frame, the index of the last changed frame it shows again (itself when it changed). */
    private List<Integer> shownBy(List<Path> files) {
        List<Integer> shownBy = new ArrayList<>();
        int[] kept = null;
        for (int i = 0; i < files.size(); i++) {
            int[] thumbnail = thumbnail(files.get(i));
            if (kept != null && difference(kept, thumbnail) < config.changeThreshold()) {
                shownBy.add(shownBy.getLast());
            } else {
                kept = thumbnail;
                shownBy.add(i);
            }
        }
        return shownBy;
    }

    /** The frame's mean grey level in each cell of a 32×32 grid. */
    static int[] thumbnail(Path frame) {
        BufferedImage image;
        try {
            image = ImageIO.read(frame.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("a sampled frame cannot be read", e);
        }
        if (image == null) {
            throw new IllegalStateException("a sampled frame is not an image");
        }
        Raster raster = image.getRaster();
        int width = image.getWidth();
        int height = image.getHeight();
        long[] sums = new long[THUMB * THUMB];
        long[] counts = new long[THUMB * THUMB];
        int[] pixel = new int[raster.getNumBands()];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.getPixel(x, y, pixel);
                int cell = (y * THUMB / height) * THUMB + x * THUMB / width;
                sums[cell] += pixel[0];
                counts[cell]++;
            }
        }
        int[] thumbnail = new int[THUMB * THUMB];
        for (int i = 0; i < thumbnail.length; i++) {
            thumbnail[i] = counts[i] == 0 ? 0 : (int) (sums[i] / counts[i]);
        }
        return thumbnail;
    }

    /**
     * The largest change of one cell's grey level. Not the mean: a new caption covers a few dozen of the 1,024 cells,
     * which moves the mean by about one grey level, less than the encoder's noise can.
     */
    static double difference(int[] a, int[] b) {
        int largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.abs(a[i] - b[i]));
        }
        return largest;
    }

    private JsonNode probe(Path file, Instant deadline) {
        Processes.Result result = Processes.run(List.of(config.ffprobe(), "-v", "error", "-protocol_whitelist", "file",
                "-f", "mov", "-show_entries", "format=duration:stream=codec_type,width,height", "-of", "json",
                "file:" + file.toAbsolutePath()), Map.of(), remaining(deadline), 1024 * 1024, "ffprobe");
        if (result.exitCode() != 0) {
            throw new OcrFailedException("The video's picture could not be decoded");
        }
        try {
            return mapper.readTree(new String(result.output(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OcrFailedException("The video's picture could not be decoded");
        }
    }

    private static boolean isIsoMedia(Path file) {
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(head, 0, 8) == 8 && ISO_BOXES.contains(new String(head, 4, 4, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("the media file cannot be read", e);
        }
    }

    static Duration remaining(Instant deadline) {
        return Duration.between(Instant.now(), deadline);
    }
}

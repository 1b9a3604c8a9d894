package com.tikneuron.diarization.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.tikneuron.diarization.ocr.CharacterErrorRate;
import com.tikneuron.diarization.ocr.OnScreenText;
import com.tikneuron.diarization.ocr.OnScreenTextReader;
import com.tikneuron.standin.OnScreen;

/**
 * On-screen text reading time, run by scripts/bench-ocr.sh (not part of the default build), with the service's own
 * settings (application.properties): a minute of video whose picture moves all the time (every sampled frame differs
 * and is read) with a new two-line card every 4 s, and the TikTok stand-in's three-slide photo post. Each is read
 * {@code -Docr.runs} times (3) after a warm-up, from files on disk (downloads not counted). Writes the Markdown table
 * to target/ocr-benchmark.md.
 */
class OcrBenchmark {

    private static final List<String> SENTENCES = List.of("Five minute breakfast", "for busy mornings",
            "Toast two slices", "of whole grain bread", "Spread some butter", "and a little honey", "Slice a banana",
            "into thin rounds", "Add a pinch", "of cinnamon on top", "Pour a glass", "of cold orange juice",
            "Sit down and enjoy", "before the rush starts", "Wash the plate", "right after eating", "Pack a lunch",
            "for later today", "Grab your keys", "and your water bottle", "Check the weather", "before you leave",
            "Put on your shoes", "and lock the door", "Say hello", "to your neighbour", "Walk to the bus",
            "at a steady pace", "Arrive on time", "and feeling calm");

    @Test
    void measuresReadingAMinuteOfVideoAndAPhotoPost() throws IOException {
        OnScreenTextReader reader = HarnessOcr.reader();
        Path minute = minuteOfText();
        List<Path> slides = slides();
        OnScreenTextReader.Request post = new OnScreenTextReader.Request(List.of("local"), Optional.empty(), Optional.of(9.0));

        reader.readVideoFile(minute, Optional.empty());
        int runs = Integer.getInteger("ocr.runs", 3);
        double[] video = new double[runs];
        double[] photo = new double[runs];
        OnScreenText lastVideo = null;
        OnScreenText lastPost = null;
        for (int run = 0; run < runs; run++) {
            long started = System.nanoTime();
            lastVideo = reader.readVideoFile(minute, Optional.empty());
            video[run] = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            lastPost = reader.readSlideFiles(slides, post);
            photo[run] = (System.nanoTime() - started) / 1e9;
        }
        Arrays.sort(video);
        Arrays.sort(photo);
        double videoCer = CharacterErrorRate.of(String.join(" ", SENTENCES), lastVideo.text());
        double photoCer = CharacterErrorRate.of(OnScreen.text(OnScreen.PHOTO_POST), lastPost.text());
        String table = String.format(Locale.ROOT,
                "| what | pictures sampled / read | runs | time (s), median | min–max | CER |%n"
                        + "|---|---:|---:|---:|---:|---:|%n"
                        + "| 60 s video, moving picture, 15 two-line cards | %d / %d | %d | **%.2f** | %.2f–%.2f | %.1f %% |%n"
                        + "| photo post, 3 slides (720×960 JPEG) | %d / %d | %d | **%.2f** | %.2f–%.2f | %.1f %% |%n",
                lastVideo.imagesSampled(), lastVideo.imagesRead(), runs, video[runs / 2], video[0], video[runs - 1],
                videoCer * 100, lastPost.imagesSampled(), lastPost.imagesRead(), runs, photo[runs / 2], photo[0],
                photo[runs - 1], photoCer * 100);
        Files.writeString(Path.of("target", "ocr-benchmark.md"), table);
        System.out.println(table);
        System.out.println("video read as: " + lastVideo.cues());
        assertTrue(lastVideo.hasText() && lastPost.hasText(), "both were read");
    }

    /** 60 s: a zooming fractal behind a new two-line card every 4 s. */
    private static Path minuteOfText() {
        return HarnessOcr.cardsVideo("ocr-minute", "mandelbrot=s=576x1024:r=10:end_scale=0.5", SENTENCES, 4, 60, false);
    }

    private static List<Path> slides() throws IOException {
        Files.createDirectories(StandInMedia.directory());
        List<Path> files = new ArrayList<>();
        for (int n = 1; n <= OnScreen.cards(OnScreen.PHOTO_POST).size(); n++) {
            Path file = StandInMedia.directory().resolve("ocr-slide-" + n + ".jpeg");
            Files.write(file, OnScreen.slide(OnScreen.PHOTO_POST, n));
            files.add(file);
        }
        return files;
    }
}

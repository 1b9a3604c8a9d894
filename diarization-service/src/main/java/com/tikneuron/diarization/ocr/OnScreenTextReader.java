package com.tikneuron.diarization.ocr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.diarization.client.MediaClient;
import com.tikneuron.diarization.client.TikTokImageClient;
import com.tikneuron.diarization.config.OcrConfig;

/**
 * Reads what a post shows in writing; blocking, for the workers. A video: its media from subtitle-service, frames
 * sampled and read where they changed, lines followed from frame to frame. A photo post: each slide downloaded from
 * TikTok's image CDN and read, one cue per slide. Without a language hint the pictures are read first with the
 * English and Arabic packs; when the text is mostly Arabic, or its Latin-script part is in another supported
 * language, they are read again with that language's pack first (English reads "Äpfel" as "Apfel", and garbles
 * Arabic words).
 */
@ApplicationScoped
public class OnScreenTextReader {

    private static final Logger LOG = Logger.getLogger(OnScreenTextReader.class);

    /** What the caller knows of the post: its slides' URLs (a photo post), a language hint, its length in seconds. */
    public record Request(List<String> images, Optional<String> language, Optional<Double> duration) {

        public boolean photoPost() {
            return !images.isEmpty();
        }
    }

    private final MediaClient media;
    private final TikTokImageClient images;
    private final FrameSampler sampler;
    private final SlideImages slides;
    private final TesseractReader tesseract;
    private final OcrConfig config;

    public OnScreenTextReader(MediaClient media, TikTokImageClient images, FrameSampler sampler, SlideImages slides,
            TesseractReader tesseract, OcrConfig config) {
        this.media = media;
        this.images = images;
        this.sampler = sampler;
        this.slides = slides;
        this.tesseract = tesseract;
        this.config = config;
    }

    public String engineId() {
        return tesseract.engineId();
    }

    /** Reads a post: its media from subtitle-service, or its slides from TikTok's image CDN. */
    public OnScreenText read(String videoId, Request request, String requestId) {
        return inDirectory(videoId, (directory, deadline) -> {
            if (!request.photoPost()) {
                Path file = directory.resolve("media.bin");
                media.download(videoId, requestId, file, true);
                return readVideo(file, request.language(), directory, deadline);
            }
            List<String> urls = request.images().subList(0, Math.min(request.images().size(), config.maxImages()));
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                Path downloaded = directory.resolve("slide-" + i + ".bin");
                images.download(urls.get(i), downloaded);
                files.add(downloaded);
            }
            return readSlides(files, request, directory, deadline);
        });
    }

    /** Reads a video file already on disk (the benchmark's way in). */
    public OnScreenText readVideoFile(Path video, Optional<String> language) {
        return inDirectory(video.getFileName().toString(), (directory, deadline) -> readVideo(video, language, directory, deadline));
    }

    /** Reads slide files already on disk (the benchmark's way in). */
    public OnScreenText readSlideFiles(List<Path> slides, Request request) {
        return inDirectory("slides", (directory, deadline) -> readSlides(slides, request, directory, deadline));
    }

    private interface Work {
        OnScreenText run(Path directory, Instant deadline) throws IOException;
    }

    private OnScreenText inDirectory(String post, Work work) {
        Instant deadline = Instant.now().plus(config.jobTimeout());
        Path directory = null;
        long started = System.nanoTime();
        try {
            directory = Files.createTempDirectory("on-screen-text");
            OnScreenText text = work.run(directory, deadline);
            LOG.infof("on-screen text of %s read in %.1f s: %d of %d pictures read, %d characters, languages %s",
                    post, (System.nanoTime() - started) / 1e9, text.imagesRead(), text.imagesSampled(),
                    text.characters(), text.languages());
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("no room for the post's pictures", e);
        } finally {
            delete(directory);
        }
    }

    private OnScreenText readVideo(Path file, Optional<String> language, Path directory, Instant deadline)
            throws IOException {
        FrameSampler.Frames frames = sampler.sample(file, directory, deadline);
        List<Integer> changed = frames.changed();
        List<Path> toRead = changed.stream().map(frames.files()::get).toList();
        Reading reading = read(toRead, language, directory, deadline);
        Map<Integer, List<OcrLine>> byFrame = new LinkedHashMap<>();
        for (int i = 0; i < changed.size(); i++) {
            byFrame.put(changed.get(i), reading.pages().get(i));
        }
        LineTracker tracker = new LineTracker(frames.interval(), frames.duration());
        for (int frame = 0; frame < frames.files().size(); frame++) {
            tracker.add(byFrame.get(frames.shownBy().get(frame)));
        }
        return answer(OnScreenText.Kind.VIDEO, frames.duration(), tracker.cues(), reading.latinLanguage(),
                frames.files().size(), toRead.size());
    }

    private OnScreenText readSlides(List<Path> downloaded, Request request, Path directory, Instant deadline) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < downloaded.size(); i++) {
            files.add(slides.normalise(downloaded.get(i), directory.resolve("slide-" + i + ".png"), deadline));
        }
        Reading reading = read(files, request.language(), directory, deadline);
        double each = request.duration().filter(seconds -> seconds > 0).map(seconds -> seconds / files.size())
                .orElse(config.slideSeconds().toMillis() / 1000.0);
        List<TextCue> cues = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            List<OcrLine> lines = reading.pages().get(i);
            if (!lines.isEmpty()) {
                cues.add(new TextCue(round(i * each), round((i + 1) * each),
                        String.join(" ", lines.stream().map(OcrLine::text).toList())));
            }
        }
        return answer(OnScreenText.Kind.PHOTO_POST, round(each * files.size()), cues, reading.latinLanguage(),
                files.size(), files.size());
    }

    /** Lines per picture, and the language of the Latin-script lines when it could be told. */
    private record Reading(List<List<OcrLine>> pages, Optional<String> latinLanguage) {
    }

    private Reading read(List<Path> pictures, Optional<String> hint, Path directory, Instant deadline) {
        List<String> packs = hint.map(language -> language.equals("en") ? List.of("eng")
                : List.of(TextLanguages.TESSERACT.get(language), "eng")).orElse(List.of("eng", "ara"));
        // Each picture as it is and as a white-text mask; the better reading of the two is kept, and only that
        // version is read again when the language calls for it.
        List<Path> both = new ArrayList<>();
        for (int i = 0; i < pictures.size(); i++) {
            both.add(pictures.get(i));
            both.add(WhiteText.mask(pictures.get(i), directory.resolve("mask-" + i + ".png")));
        }
        List<List<OcrLine>> pairs = tesseract.read(both, packs, directory, deadline);
        List<List<OcrLine>> first = new ArrayList<>();
        List<Path> chosen = new ArrayList<>();
        for (int i = 0; i < pictures.size(); i++) {
            int better = score(pairs.get(2 * i + 1)) > score(pairs.get(2 * i)) ? 1 : 0;
            first.add(pairs.get(2 * i + better));
            chosen.add(both.get(2 * i + better));
        }
        if (hint.isPresent()) {
            return new Reading(first, hint.filter(language -> !language.equals("ar")));
        }
        String all = String.join(" ", first.stream().flatMap(List::stream).map(OcrLine::text).toList());
        if (TextLanguages.isArabic(all)) {
            // Mostly Arabic: read again with the Arabic pack first, which the English one garbles words of
            List<List<OcrLine>> arabic = tesseract.read(chosen, List.of("ara", "eng"), directory, deadline);
            return new Reading(arabic, TextLanguages.detect(latinText(arabic)).filter(detected -> !detected.equals("ar")));
        }
        Optional<String> language = TextLanguages.detect(latinText(first)).filter(detected -> !detected.equals("ar"));
        if (language.isEmpty() || language.get().equals("en")) {
            return new Reading(first, language);
        }
        return new Reading(tesseract.read(chosen, List.of(TextLanguages.TESSERACT.get(language.get()), "eng", "ara"),
                directory, deadline), language);
    }

    /** How much a reading found: letters and digits weighted by Tesseract's confidence. */
    private static double score(List<OcrLine> lines) {
        return lines.stream().mapToDouble(line -> characters(line.text()) * line.confidence()).sum();
    }

    private static String latinText(List<List<OcrLine>> pages) {
        return String.join(" ", pages.stream().flatMap(List::stream).map(OcrLine::text)
                .filter(line -> !TextLanguages.isArabic(line)).toList());
    }

    private OnScreenText answer(OnScreenText.Kind kind, double duration, List<TextCue> cues, Optional<String> latin,
            int sampled, int read) {
        Map<String, Integer> characters = new LinkedHashMap<>();
        for (TextCue cue : cues) {
            String language = TextLanguages.isArabic(cue.text()) ? "ar" : latin.orElse("und");
            characters.merge(language, characters(cue.text()), Integer::sum);
        }
        int total = characters.values().stream().mapToInt(Integer::intValue).sum();
        List<String> languages = characters.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .map(Map.Entry::getKey).toList();
        return new OnScreenText(kind, round(duration), total >= config.minCharacters(), total, languages, cues, sampled, read);
    }

    /** Letters and digits: what the "is it text at all" rule counts. */
    static int characters(String text) {
        return (int) text.codePoints().filter(Character::isLetterOrDigit).count();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }

    private static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warnf("%s not deleted: %s", path, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warnf("%s not deleted: %s", directory, e.getMessage());
        }
    }
}

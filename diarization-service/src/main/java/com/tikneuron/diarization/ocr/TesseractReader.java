package com.tikneuron.diarization.ocr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.diarization.config.OcrConfig;

/**
 * Tesseract on the command line: every image of one job in one process (one model load), words with their boxes and
 * confidences as TSV, grouped here into lines top to bottom. A separate process rather than Tess4J in the JVM: a
 * crash in Tesseract's native code ends that process, not the service; its memory is capped with prlimit and freed
 * when it exits; a deadline kills it. docs/ON-SCREEN-TEXT.md has the measurements behind the choice.
 */
@ApplicationScoped
public class TesseractReader {

    private static final Logger LOG = Logger.getLogger(TesseractReader.class);
    private static final long MAX_TSV = 16L * 1024 * 1024;
    private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");

    private final OcrConfig config;
    private volatile String version;

    public TesseractReader(OcrConfig config) {
        this.config = config;
    }

    /** "tesseract-5.3.0": the engine and its version, the cache key's second half. Checks the language packs once. */
    public String engineId() {
        String known = version;
        if (known == null) {
            known = probe();
            version = known;
        }
        return known;
    }

    private synchronized String probe() {
        if (version != null) {
            return version;
        }
        Processes.Result result = Processes.run(List.of(config.tesseract(), "--version"), Map.of(),
                Duration.ofSeconds(20), 64 * 1024, "tesseract");
        String first = new String(result.output(), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        if (result.exitCode() != 0 || !first.startsWith("tesseract ")) {
            throw new IllegalStateException("tesseract did not say its version: " + first);
        }
        Processes.Result langs = Processes.run(List.of(config.tesseract(), "--list-langs"), Map.of(),
                Duration.ofSeconds(20), 64 * 1024, "tesseract");
        Set<String> installed = new TreeSet<>(new String(langs.output(), StandardCharsets.UTF_8).lines().map(String::strip).toList());
        List<String> missing = config.languages().stream().filter(language -> !installed.contains(language)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Tesseract language packs missing: " + missing
                    + " (Debian: apt-get install " + String.join(" ", missing.stream().map(l -> "tesseract-ocr-" + l).toList()) + ")");
        }
        return "tesseract-" + first.substring("tesseract ".length()).strip();
    }

    /**
     * Reads the images in one Tesseract process with the given language packs (the first is tried first). The answer
     * has one list of lines per image, in the images' order, each list top to bottom.
     */
    public List<List<OcrLine>> read(List<Path> images, List<String> languages, Path workDirectory, Instant deadline) {
        List<List<OcrLine>> pages = new ArrayList<>();
        if (images.isEmpty()) {
            return pages;
        }
        engineId();
        Path list = workDirectory.resolve("images-" + System.nanoTime() + ".txt");
        try {
            Files.write(list, images.stream().map(image -> image.toAbsolutePath().toString()).toList(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("no room for the image list", e);
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(PRLIMIT)) {
            command.addAll(List.of(PRLIMIT.toString(), "--as=" + config.processMemory(), "--"));
        }
        // Automatic page segmentation (3, Tesseract's default): "sparse text" (11) suits captions scattered over a
        // picture in theory, but split Arabic lines into letters it then misread ("الببص" for "البيض").
        command.addAll(List.of(config.tesseract(), list.toString(), "stdout", "-l", String.join("+", languages),
                "--psm", "3", "tsv"));
        Duration left = Duration.between(Instant.now(), deadline);
        Processes.Result result = Processes.run(command,
                // One core per process: the worker pool, not OpenMP, decides how many cores reading takes.
                Map.of("OMP_THREAD_LIMIT", "1"), left.compareTo(config.processTimeout()) < 0 ? left : config.processTimeout(),
                MAX_TSV, "tesseract");
        if (result.exitCode() != 0) {
            LOG.warnf("tesseract exited with %d", result.exitCode());
            throw new IllegalStateException("tesseract failed with exit code " + result.exitCode());
        }
        return parse(new String(result.output(), StandardCharsets.UTF_8), images.size(), config.minConfidence());
    }

    /** Tesseract's TSV (level 5 rows are words) as lines per page, low-confidence words and noise left out. */
    static List<List<OcrLine>> parse(String tsv, int pageCount, int minConfidence) {
        record Key(int page, int block, int paragraph, int line) {
        }
        final class Line {
            final StringBuilder text = new StringBuilder();
            int top = Integer.MAX_VALUE;
            int left = Integer.MAX_VALUE;
            double confidence;
            int words;
        }
        Map<Key, Line> lines = new LinkedHashMap<>();
        for (String row : tsv.split("\n")) {
            String[] cells = row.split("\t", -1);
            if (cells.length < 12 || !cells[0].equals("5")) {
                continue;
            }
            String word = cells[11].strip();
            double confidence;
            try {
                confidence = Double.parseDouble(cells[10]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (word.isEmpty() || confidence < minConfidence) {
                continue;
            }
            Key key = new Key(Integer.parseInt(cells[1]), Integer.parseInt(cells[2]), Integer.parseInt(cells[3]),
                    Integer.parseInt(cells[4]));
            Line line = lines.computeIfAbsent(key, unused -> new Line());
            if (line.words > 0) {
                line.text.append(' ');
            }
            line.text.append(word);
            line.top = Math.min(line.top, Integer.parseInt(cells[7]));
            line.left = Math.min(line.left, Integer.parseInt(cells[6]));
            line.confidence += confidence;
            line.words++;
        }
        List<List<OcrLine>> pages = new ArrayList<>();
        for (int page = 0; page < pageCount; page++) {
            pages.add(new ArrayList<>());
        }
        lines.forEach((key, line) -> {
            String text = line.text.toString();
            if (key.page() >= 1 && key.page() <= pageCount && isWriting(text)) {
                pages.get(key.page() - 1).add(new OcrLine(text, line.top, line.left, line.confidence / line.words));
            }
        });
        pages.forEach(page -> page.sort(Comparator.comparingInt(OcrLine::top).thenComparingInt(OcrLine::left)));
        return pages;
    }

    /**
     * Lines of stray marks are not writing: a line counts when it has three letters or digits and at least one word
     * of two letters (a lone "7" or "Fs," read off a pattern does not).
     */
    static boolean isWriting(String line) {
        long alphanumeric = line.codePoints().filter(Character::isLetterOrDigit).count();
        boolean word = Arrays.stream(line.split(" "))
                .anyMatch(token -> token.codePoints().filter(Character::isLetter).count() >= 2);
        return alphanumeric >= 3 && word;
    }
}

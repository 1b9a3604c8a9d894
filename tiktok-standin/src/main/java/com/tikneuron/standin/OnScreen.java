package com.tikneuron.standin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixture posts without speech whose words are on screen, made on first request with the system's ffmpeg
 * ({@code drawtext}): a video with English text cards over music, one with German text, one with Arabic text, a
 * photo post (slideshow) of three text slides, and a video with moving pictures and music but neither speech nor
 * text. Only the texts are committed; the same tools make the same files.
 */
public final class OnScreen {

    public static final String ENGLISH = "7417838016925842000";
    public static final String GERMAN = "7418267513655442001";
    public static final String ARABIC = "7418697010385042002";
    public static final String PHOTO_POST = "7419126507114642003";
    public static final String NOTHING = "7419556003844242004";

    /**
     * A slide number the photo post does not show but the CDN serves: a PNG of a few dozen bytes whose header declares
     * 30,000 × 30,000 pixels, the kind of file that would take gigabytes to decode.
     */
    public static final int OVERSIZED_SLIDE = 9;

    /** Seconds each card of a video stays on screen. */
    public static final double CARD_SECONDS = 4;

    /** What one card of a video (or one slide of the photo post) shows, line by line from the top. */
    public record Card(List<String> lines) {

        public String text() {
            return String.join(" ", lines);
        }
    }

    private static final Map<String, List<Card>> CARDS = Map.of(
            ENGLISH, List.of(
                    new Card(List.of("Easy banana pancakes", "ready in ten minutes")),
                    new Card(List.of("Mash two ripe bananas", "then whisk in two eggs")),
                    new Card(List.of("Fry them on low heat", "and serve with honey"))),
            GERMAN, List.of(
                    new Card(List.of("Schneller Apfelkuchen", "für den Sonntag")),
                    new Card(List.of("Vier Äpfel schälen", "und klein schneiden")),
                    new Card(List.of("Eine Stunde backen", "und genießen"))),
            ARABIC, List.of(
                    new Card(List.of("وصفة سهلة للفطور")),
                    new Card(List.of("اخلط البيض مع الحليب")),
                    new Card(List.of("شكرا على المشاهدة"))),
            PHOTO_POST, List.of(
                    new Card(List.of("Better sleep", "in three steps")),
                    new Card(List.of("No screens after", "ten at night")),
                    new Card(List.of("Keep your bedroom", "cool and dark"))),
            NOTHING, List.of());

    private static final Pattern MEDIA_PATH = Pattern.compile("^/video/tos/[^/]+/[^/]+/(\\d{19})/[^/]+\\.mp4$");
    private static final Pattern IMAGE_PATH = Pattern.compile(
            "^/tos-maliva-i-photomode-us/(\\d{19})-([1-9])~tplv-photomode-image\\.jpeg$");
    private static final String BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    private static final String REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private static final Map<String, byte[]> MADE = new ConcurrentHashMap<>();

    private OnScreen() {
    }

    /** The cards of a video, or the slides of the photo post, in the order shown; empty for {@link #NOTHING}. */
    public static List<Card> cards(String id) {
        List<Card> cards = CARDS.get(id);
        if (cards == null) {
            throw new IllegalArgumentException("not an on-screen text fixture: " + id);
        }
        return cards;
    }

    /** Everything a post shows, card after card, each card's lines top to bottom, joined by spaces. */
    public static String text(String id) {
        return String.join(" ", cards(id).stream().map(Card::text).toList());
    }

    /** The video fixtures (the photo post is not one). */
    public static List<String> videos() {
        return List.of(ENGLISH, GERMAN, ARABIC, NOTHING);
    }

    /** The slide URLs of the photo post as its page lists them: one signed TikTok CDN URL per slide. */
    public static List<String> imageUrls(String id) {
        List<String> urls = new ArrayList<>();
        for (int slide = 1; slide <= cards(id).size(); slide++) {
            urls.add(imageUrl(id, slide));
        }
        return urls;
    }

    /** The signed CDN URL of slide n (from 1). */
    public static String imageUrl(String id, int slide) {
        return "https://p16-sign-va.tiktokcdn.com/tos-maliva-i-photomode-us/" + id + "-" + slide
                + "~tplv-photomode-image.jpeg?x-expires=1727400000&x-signature=c2xpZGU" + slide;
    }

    /** The video id a CDN media path belongs to, when it is one of the videos made here. */
    static String videoOf(String path) {
        Matcher media = MEDIA_PATH.matcher(path);
        return media.matches() && videos().contains(media.group(1)) ? media.group(1) : null;
    }

    /** The JPEG a CDN image path names, when it is a slide of the photo post; null otherwise. */
    static byte[] imageOf(String path) {
        Matcher image = IMAGE_PATH.matcher(path);
        if (!image.matches() || !image.group(1).equals(PHOTO_POST)) {
            return null;
        }
        int slide = Integer.parseInt(image.group(2));
        if (slide == OVERSIZED_SLIDE) {
            return oversizedPng();
        }
        return slide <= cards(PHOTO_POST).size() ? slide(PHOTO_POST, slide) : null;
    }

    /** The MP4 of one of the videos, made once per process. */
    public static byte[] mp4(String id) {
        if (!videos().contains(id)) {
            throw new IllegalArgumentException("not an on-screen text video: " + id);
        }
        return MADE.computeIfAbsent(id, OnScreen::makeVideo);
    }

    /** Slide n (from 1) of the photo post as a JPEG, made once per process. */
    public static byte[] slide(String id, int n) {
        return MADE.computeIfAbsent(id + "-" + n, key -> makeSlide(id, n));
    }

    /** A PNG signature, an IHDR chunk declaring 30,000 × 30,000 grey pixels, and IEND: no picture data at all. */
    public static byte[] oversizedPng() {
        java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(8 + 25 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(png, "IHDR", java.nio.ByteBuffer.allocate(13).putInt(30_000).putInt(30_000).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IEND", new byte[0]);
        return png.array();
    }

    private static void chunk(java.nio.ByteBuffer png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(name);
        crc.update(data);
        png.putInt(data.length).put(name).put(data).putInt((int) crc.getValue());
    }

    private static byte[] makeVideo(String id) {
        List<Card> cards = cards(id);
        double seconds = cards.isEmpty() ? 12 : cards.size() * CARD_SECONDS;
        return withDirectory(dir -> {
            String picture;
            if (cards.isEmpty()) {
                // Moving shapes and colours, nothing a reader would call text
                picture = "mandelbrot=s=576x1024:r=10:end_scale=0.5";
            } else {
                picture = "color=c=0x2a3b4c:s=576x1024:r=10";
            }
            List<String> filters = new ArrayList<>();
            for (int c = 0; c < cards.size(); c++) {
                double from = c * CARD_SECONDS;
                filters.addAll(drawCard(dir, id, c, cards.get(c), String.format(java.util.Locale.ROOT,
                        "between(t,%.2f,%.2f)", from, from + CARD_SECONDS - 0.01), 576, 36));
            }
            Path out = dir.resolve("video.mp4");
            List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
                    "-fflags", "+bitexact", "-f", "lavfi", "-i", picture,
                    // Music only: a two-note tune with a beat, no voice
                    "-f", "lavfi", "-i", "aevalsrc=0.2*sin(2*PI*(262+130*gte(mod(t\\,1)\\,0.5))*t)*(0.6+0.4*sin(2*PI*2*t)):s=44100"));
            if (!filters.isEmpty()) {
                command.addAll(List.of("-vf", String.join(",", filters)));
            }
            command.addAll(List.of("-t", String.valueOf(seconds), "-c:v", "libx264", "-preset", "ultrafast",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-ar", "44100", "-flags:v", "+bitexact",
                    "-flags:a", "+bitexact", "-movflags", "+faststart", "-f", "mp4", out.toString()));
            Spoken.run(command);
            return Files.readAllBytes(out);
        });
    }

    private static byte[] makeSlide(String id, int n) {
        Card card = cards(id).get(n - 1);
        return withDirectory(dir -> {
            Path out = dir.resolve("slide.jpeg");
            List<String> filters = drawCard(dir, id, n - 1, card, "1", 720, 52);
            Spoken.run(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    "color=c=0x" + List.of("6b4f3a", "35524a", "3a3f6b").get((n - 1) % 3) + ":s=720x960",
                    "-vf", String.join(",", filters), "-frames:v", "1", "-c:v", "mjpeg", "-q:v", "3", "-f", "image2",
                    out.toString()));
            return Files.readAllBytes(out);
        });
    }

    /** drawtext filters for a card's lines, centred, stacked from a third of the height down. */
    private static List<String> drawCard(Path dir, String id, int index, Card card, String enable, int width, int size)
            throws IOException {
        boolean arabic = id.equals(ARABIC);
        List<String> filters = new ArrayList<>();
        for (int line = 0; line < card.lines().size(); line++) {
            Path text = dir.resolve("card-" + index + "-" + line + ".txt");
            Files.writeString(text, card.lines().get(line), StandardCharsets.UTF_8);
            int y = width * 5 / 9 + line * (size * 2);
            filters.add("drawtext=fontfile=" + (arabic ? REGULAR : BOLD) + ":textfile=" + text
                    + ":fontsize=" + size + ":fontcolor=white:borderw=3:bordercolor=black"
                    + ":x=(w-text_w)/2:y=" + y + ":enable='" + enable + "'");
        }
        return filters;
    }

    private interface InDirectory {
        byte[] make(Path dir) throws IOException;
    }

    private static byte[] withDirectory(InDirectory work) {
        try {
            Path dir = Files.createTempDirectory("standin-onscreen");
            try {
                return work.make(dir);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the stand-in could not make its on-screen text media: " + e.getMessage(), e);
        }
    }
}

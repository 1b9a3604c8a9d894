package com.tikneuron.standin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixture videos TikTok did not caption, whose media is made on first request with the system's espeak-ng and
 * ffmpeg (H.264 still picture + AAC, as TikTok serves): one that speaks {@link #SCRIPT} in synthesised English, one
 * that is silent, and a three-minute one that speaks the script and then stays silent. Nothing is committed but the
 * text; the same tools make the same files.
 */
public final class Spoken {

    public static final String SPEAKING = "7411204676455123968";
    public static final String SILENT = "7415976864640133120";
    public static final String THREE_MINUTES = "7420749052825142272";

    /** What the speaking videos say, sentence by sentence. */
    public static final List<String> SCRIPT = List.of(
            "Hey everyone, welcome back to my kitchen.",
            "Today I want to show you how I make a simple soup for dinner.",
            "First I cut two onions and a few carrots into small pieces.",
            "Then I cook them in a big pot with a little butter.",
            "After ten minutes I add water, salt and some fresh herbs.",
            "Let it cook for half an hour and it is ready to eat.",
            "Thanks for watching and see you next time.");

    private static final Pattern MEDIA_PATH = Pattern.compile("^/video/tos/[^/]+/[^/]+/(\\d{19})/[^/]+\\.mp4$");
    // Each video's "original sound" (music.playUrl), which is the video's own audio: TikTok gives it an id of its own.
    private static final Pattern SOUND_PATH = Pattern.compile("^/obj/ies-music-ttp-dup-us/(\\d{19})\\.mp3$");
    private static final Map<String, String> SOUNDS = Map.of(
            "7411204676455123969", SPEAKING, "7415976864640133121", SILENT, "7420749052825142273", THREE_MINUTES);
    private static final Map<String, byte[]> SOUNDS_MADE = new ConcurrentHashMap<>();
    private static final Map<String, byte[]> MADE = new ConcurrentHashMap<>();

    private Spoken() {
    }

    /** The script as one text. */
    public static String text() {
        return String.join(" ", SCRIPT);
    }

    /** The video id a CDN media path belongs to, when it is one of the videos made here. */
    static String videoOf(String path) {
        Matcher media = MEDIA_PATH.matcher(path);
        if (!media.matches()) {
            return null;
        }
        String id = media.group(1);
        return id.equals(SPEAKING) || id.equals(SILENT) || id.equals(THREE_MINUTES) ? id : null;
    }

    /** The video whose original sound a CDN audio path is, when it is one of the videos made here. */
    static String videoOfSound(String path) {
        Matcher sound = SOUND_PATH.matcher(path);
        return sound.matches() ? SOUNDS.get(sound.group(1)) : null;
    }

    /** The original sound (MP3) of one of these videos: its MP4's audio, made once per process. */
    public static byte[] mp3(String id) {
        return SOUNDS_MADE.computeIfAbsent(id, Spoken::extractSound);
    }

    private static byte[] extractSound(String id) {
        try {
            Path dir = Files.createTempDirectory("standin-sound");
            try {
                Path video = dir.resolve("video.mp4");
                Path out = dir.resolve("sound.mp3");
                Files.write(video, mp4(id));
                run(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-i", video.toString(), "-vn",
                        "-c:a", "libmp3lame", "-b:a", "64k", "-flags:a", "+bitexact", "-f", "mp3", out.toString()));
                return Files.readAllBytes(out);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the stand-in could not make its spoken media: " + e.getMessage(), e);
        }
    }

    /** The MP4 of one of these videos, made once per process. */
    public static byte[] mp4(String id) {
        return MADE.computeIfAbsent(id, Spoken::make);
    }

    private static byte[] make(String id) {
        try {
            Path dir = Files.createTempDirectory("standin-spoken");
            try {
                Path out = dir.resolve("video.mp4");
                List<String> ffmpeg = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
                        "-fflags", "+bitexact", "-f", "lavfi", "-i", "color=c=0x203040:s=320x568:r=5"));
                if (id.equals(SILENT)) {
                    ffmpeg.addAll(List.of("-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", "12"));
                } else {
                    Path speech = dir.resolve("speech.wav");
                    run(List.of("espeak-ng", "-v", "en-us", "-s", "140", "-w", speech.toString(), text()));
                    ffmpeg.addAll(List.of("-i", speech.toString()));
                    if (id.equals(THREE_MINUTES)) {
                        // -t cuts both streams: the still picture's frames would otherwise run a second past.
                        ffmpeg.addAll(List.of("-af", "apad=whole_dur=180", "-t", "180"));
                    }
                }
                ffmpeg.addAll(List.of("-shortest", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "stillimage",
                        "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-ar", "44100", "-flags:v", "+bitexact",
                        "-flags:a", "+bitexact", "-movflags", "+faststart", "-f", "mp4", out.toString()));
                run(ffmpeg);
                return Files.readAllBytes(out);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the stand-in could not make its spoken media: " + e.getMessage(), e);
        }
    }

    static void run(List<String> command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException missing) {
            throw new IOException(command.getFirst() + " is missing: install it with `apt-get install -y espeak-ng ffmpeg`", missing);
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(command.getFirst() + " failed: " + new String(output).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

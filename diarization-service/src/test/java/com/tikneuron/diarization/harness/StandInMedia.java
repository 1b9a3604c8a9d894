package com.tikneuron.diarization.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TikTok stand-in's media: a synthesised two-speaker conversation (speaker 0 opens), encoded as the CDN
 * serves it (MP4 with AAC audio and a still picture, and MP3), plus a silent MP4 for the "no speech" case.
 * Files go to target/standin-media/; generated once per build directory.
 */
public final class StandInMedia {

    private static final ClipSpec CONVERSATION = new ClipSpec("standin-two-speakers", 4_242L, 2, 18, false);

    private StandInMedia() {
    }

    public static Path directory() {
        return Path.of("target", "standin-media");
    }

    /** The conversation as an MP4 video. */
    public static synchronized Path conversationMp4() {
        return encoded("two-speakers.mp4", List.of("-f", "lavfi", "-i", "color=c=black:s=320x568:r=15"),
                List.of("-shortest", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                        "-b:a", "96k", "-movflags", "+faststart"));
    }

    /** The conversation as an MP3. */
    public static synchronized Path conversationMp3() {
        return encoded("two-speakers.mp3", List.of(), List.of("-c:a", "libmp3lame", "-b:a", "96k"));
    }

    /** Eight seconds of a still picture and digital silence, as an MP4 video. */
    public static synchronized Path silentMp4() {
        Path target = directory().resolve("silent.mp4");
        if (!Files.exists(target)) {
            Tools.require("ffmpeg");
            mkdirs();
            Tools.run(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "color=c=black:s=320x568:r=15:d=8", "-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", "8",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", target.toString()));
        }
        return target;
    }

    /** The word error rate of a transcript against what was said (contractions spelled out on both sides). */
    public static double wordErrorRate(String reference, String hypothesis) {
        return Metrics.wer(reference, hypothesis).rate();
    }

    /**
     * The TikTok stand-in's caption-less video that speaks synthesised English, as the stand-in serves it; its text is
     * {@link com.tikneuron.standin.Spoken#text()}.
     */
    public static synchronized Path spokenMp4() {
        Path target = directory().resolve("spoken.mp4");
        if (!Files.exists(target)) {
            mkdirs();
            try {
                Files.write(target, com.tikneuron.standin.Spoken.mp4(com.tikneuron.standin.Spoken.SPEAKING));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }

    /** Who speaks in which order in the conversation: 0, 1, 0, … (consecutive turns of one speaker merged). */
    public static List<Integer> speakerOrder() {
        List<Integer> order = new ArrayList<>();
        for (ReferenceTurn turn : conversation().reference()) {
            if (order.isEmpty() || order.getLast() != turn.speaker()) {
                order.add(turn.speaker());
            }
        }
        return order;
    }

    private static Clip conversation() {
        return new ConversationSynthesizer(HarnessEngines.cache()).clip(CONVERSATION);
    }

    private static Path encoded(String name, List<String> extraInputs, List<String> encoding) {
        Path target = directory().resolve(name);
        if (Files.exists(target)) {
            return target;
        }
        Tools.require("ffmpeg", "espeak-ng", "sox");
        mkdirs();
        Path pcm = directory().resolve("two-speakers.pcm");
        try {
            Files.write(pcm, ConversationSynthesizer.pcm(conversation().audio().samples()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y"));
        command.addAll(extraInputs);
        command.addAll(List.of("-f", "s16le", "-ar", "16000", "-ac", "1", "-i", pcm.toString()));
        command.addAll(encoding);
        command.add(target.toString());
        Tools.run(command);
        return target;
    }

    private static void mkdirs() {
        try {
            Files.createDirectories(directory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the files for the TikTok stand-in's fixtures: {@code java … StandInMedia} prints where they are. */
    public static void main(String[] args) {
        System.out.println(conversationMp4().toAbsolutePath());
        System.out.println(conversationMp3().toAbsolutePath());
        System.out.println("speaker order " + speakerOrder());
    }
}

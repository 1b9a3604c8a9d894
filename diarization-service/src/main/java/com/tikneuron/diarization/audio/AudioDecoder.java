package com.tikneuron.diarization.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.diarization.config.DiarizationConfig;
import com.tikneuron.diarization.engine.Audio;
import com.tikneuron.diarization.engine.EngineFailedException;

/**
 * Turns a downloaded media file into 16 kHz mono PCM with the system's ffmpeg, bounded in time (a deadline kills
 * ffmpeg) and in length (output beyond the duration limit stops the decode and refuses the video). Only the
 * containers TikTok serves are read (MP4 and its kin, MP3), each with the one demuxer named here and local file
 * access only: a "media" file that is really a playlist or script (HLS, concat, SDP…) would otherwise make ffmpeg
 * open the files or URLs it names.
 */
@ApplicationScoped
public class AudioDecoder {

    private static final Logger LOG = Logger.getLogger(AudioDecoder.class);
    static final String UNDECODABLE = "The video's audio could not be decoded";
    // Quieter than this everywhere (about -60 dBFS) is silence, whatever the engine would make of it.
    private static final int SILENCE_PEAK = 32;
    // ISO base media (MP4, M4A, MOV) opens with one of these boxes; TikTok's video files open with ftyp.
    private static final Set<String> ISO_BOXES = Set.of("ftyp", "moov", "mdat", "free", "skip", "wide");

    private final DiarizationConfig config;

    public AudioDecoder(DiarizationConfig config) {
        this.config = config;
    }

    public Audio decode(Path media) {
        String demuxer = demuxer(media).orElseThrow(() -> {
            LOG.warnf("media file %s is in none of the containers TikTok serves", media.getFileName());
            return new EngineFailedException(UNDECODABLE);
        });
        long maxSeconds = config.maxDuration().toSeconds();
        long maxBytes = (maxSeconds + 1) * Audio.SAMPLE_RATE * 2;
        List<String> command = List.of(config.ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error",
                // The forced demuxer skips ffmpeg's probe, which would follow a playlist; the whitelist keeps even a
                // demuxer's own references (MP4 data references, say) to local files.
                "-protocol_whitelist", "file", "-f", demuxer, "-i", "file:" + media.toAbsolutePath(),
                "-vn", "-sn", "-dn", "-ac", "1", "-ar", String.valueOf(Audio.SAMPLE_RATE),
                // One second past the limit is enough to know the video is too long without decoding all of it.
                "-t", String.valueOf(maxSeconds + 1), "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("ffmpeg cannot be started (is it installed?)", e);
        }
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> read(process.getInputStream(), pcm, maxBytes));
        try {
            if (!process.waitFor(config.ffmpegTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new EngineFailedException("Decoding the video's audio took too long");
            }
            reader.join(config.ffmpegTimeout().toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EngineFailedException("Decoding the video's audio was interrupted");
        }
        Audio audio = Audio.fromPcm(pcm.toByteArray(), pcm.size());
        if (audio.seconds() > maxSeconds) {
            throw new EngineFailedException("The video is longer than the " + describe(maxSeconds) + " limit");
        }
        if (process.exitValue() != 0) {
            LOG.warnf("ffmpeg exited with %d", process.exitValue());
            throw new EngineFailedException(UNDECODABLE);
        }
        if (isSilent(audio)) {
            throw new EngineFailedException(EngineFailedException.NO_SPEECH);
        }
        return audio;
    }

    /** The ffmpeg demuxer for the file's container, told by its first bytes; empty when it is none we read. */
    static Optional<String> demuxer(Path media) {
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(media)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new IllegalStateException("the media file cannot be read", e);
        }
        if (read == 8 && ISO_BOXES.contains(new String(head, 4, 4, StandardCharsets.US_ASCII))) {
            return Optional.of("mov");
        }
        boolean id3 = read >= 3 && head[0] == 'I' && head[1] == 'D' && head[2] == '3';
        // An MPEG audio frame header: 11 sync bits, then a defined layer (ADTS AAC has layer 0 and is not MP3).
        boolean frame = read >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0;
        return id3 || frame ? Optional.of("mp3") : Optional.empty();
    }

    /** Stops reading at the limit: closing the pipe ends ffmpeg. */
    private static void read(InputStream in, ByteArrayOutputStream pcm, long maxBytes) {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            for (int read; (read = in.read(buffer)) >= 0;) {
                if (pcm.size() + read > maxBytes) {
                    pcm.write(buffer, 0, (int) Math.max(0, maxBytes - pcm.size()));
                    return;
                }
                pcm.write(buffer, 0, read);
            }
        } catch (IOException e) {
            LOG.debugf("ffmpeg output ended: %s", e.getMessage());
        }
    }

    private static boolean isSilent(Audio audio) {
        for (short sample : audio.samples()) {
            if (Math.abs(sample) > SILENCE_PEAK) {
                return false;
            }
        }
        return true;
    }

    private static String describe(long seconds) {
        return seconds % 60 == 0 ? seconds / 60 + " minute" : seconds + " second";
    }
}

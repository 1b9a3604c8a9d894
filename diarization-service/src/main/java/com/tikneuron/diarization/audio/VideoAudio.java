package com.tikneuron.diarization.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.diarization.client.MediaClient;
import com.tikneuron.diarization.engine.Audio;

/**
 * A video's sound as the engines take it: the media downloaded from subtitle-service into a temporary file,
 * decoded, and the file deleted whatever happened. Blocking: it runs on a diarization worker.
 */
@ApplicationScoped
public class VideoAudio {

    private static final Logger LOG = Logger.getLogger(VideoAudio.class);

    private final MediaClient media;
    private final AudioDecoder decoder;

    public VideoAudio(MediaClient media, AudioDecoder decoder) {
        this.media = media;
        this.decoder = decoder;
    }

    /** The decoded audio of a video; {@code requestId} travels to subtitle-service for tracing. */
    public Audio of(String videoId, String requestId) {
        Path file = null;
        try {
            file = Files.createTempFile("video-media", ".bin");
            media.download(videoId, requestId, file);
            return decoder.decode(file);
        } catch (IOException e) {
            throw new IllegalStateException("no room for the media file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warnf("media file %s not deleted: %s", file, e.getMessage());
                }
            }
        }
    }
}

package com.tikneuron.subtitle.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.subtitle.caption.Cue;
import com.tikneuron.subtitle.caption.SubtitleRenderer;
import com.tikneuron.subtitle.config.TikTokConfig;
import com.tikneuron.subtitle.tiktok.CookieJar;
import com.tikneuron.subtitle.tiktok.MediaSource;
import com.tikneuron.subtitle.tiktok.ResponseTooLargeException;
import com.tikneuron.subtitle.tiktok.TikTokClient;
import com.tikneuron.subtitle.tiktok.VideoItem;
import com.tikneuron.subtitle.tiktok.VideoUnavailableException;

import io.smallrye.mutiny.Uni;


/** The unbilled internal use cases: a video's metadata, its transcript, its media bytes. */
@ApplicationScoped
public class VideoService {

    private final TikTokClient tiktok;
    private final CaptionService captions;
    private final SubtitleRenderer renderer;
    private final TikTokConfig config;

    public VideoService(TikTokClient tiktok, CaptionService captions, SubtitleRenderer renderer, TikTokConfig config) {
        this.tiktok = tiktok;
        this.captions = captions;
        this.renderer = renderer;
        this.config = config;
    }

    public Uni<VideoItem> metadata(String videoId) {
        return tiktok.fetchVideo(videoId, new CookieJar());
    }

    public Uni<Transcript> transcript(String videoId, String language) {
        return captions.lookup(videoId, language)
                .onItem().transformToUni(cached -> cached instanceof Captions.Unknown
                        ? captions.fetchShared(videoId, language)
                        : Uni.createFrom().item(cached))
                .map(result -> {
                    if (!(result instanceof Captions.Track track)) {
                        throw new NoSubtitleException();
                    }
                    List<Cue> cues = renderer.cues(track.content(), track.track().format());
                    return new Transcript(videoId, track.track().language(), track.track().source(), SubtitleRenderer.text(cues), cues);
                });
    }

    /**
     * Streams the cheapest media that carries the speech, with the page's cookies. A length TikTok declares above the
     * cap is refused before any byte is sent; an undeclared one is cut off at the cap.
     */
    public Uni<MediaFile> media(String videoId) {
        return media(videoId, false);
    }

    /**
     * As {@link #media(String)}; with {@code picture} the smallest rendition of the video itself, never the audio-only
     * sound (for reading the text a video shows).
     */
    public Uni<MediaFile> media(String videoId, boolean picture) {
        CookieJar jar = new CookieJar();
        return tiktok.fetchVideo(videoId, jar).onItem().transformToUni(item -> {
            List<MediaSource> sources = picture
                    ? item.media().stream().filter(s -> !s.contentType().startsWith("audio/")).toList()
                    : item.media();
            if (sources.isEmpty()) {
                return Uni.createFrom().<MediaFile>failure(new VideoUnavailableException(picture
                        ? "This video has no downloadable picture" : "This video has no downloadable media"));
            }
            MediaSource source = sources.get(0);
            return tiktok.openMedia(source, jar)
                    .map(response -> new MediaFile(source.contentType(), response.contentLength(), response.body()))
                    .onFailure(ResponseTooLargeException.class).transform(e -> new MediaTooLargeException(config.maxMediaBytes()));
        });
    }
}

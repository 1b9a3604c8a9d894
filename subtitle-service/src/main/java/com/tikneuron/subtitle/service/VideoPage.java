package com.tikneuron.subtitle.service;

import com.tikneuron.subtitle.tiktok.CookieJar;
import com.tikneuron.subtitle.tiktok.TikTokClient;
import com.tikneuron.subtitle.tiktok.VideoItem;

import io.smallrye.mutiny.Uni;

/**
 * A video's page as one request sees it: fetched the first time a source asks (a cached answer never does) and then
 * shared by the sources of {@code mode: auto}, with the cookies TikTok set on it for the downloads that follow. A photo
 * post's slide URLs are signed and expire, so a page is never kept beyond its request.
 */
public final class VideoPage {

    private final TikTokClient tiktok;
    private final String videoId;
    private CookieJar jar;
    private Uni<VideoItem> item;

    public VideoPage(TikTokClient tiktok, String videoId) {
        this.tiktok = tiktok;
        this.videoId = videoId;
    }

    public synchronized Uni<VideoItem> item() {
        if (item == null) {
            CookieJar cookies = cookies();
            item = Uni.createFrom().deferred(() -> tiktok.fetchVideo(videoId, cookies)).memoize().indefinitely();
        }
        return item;
    }

    public synchronized CookieJar cookies() {
        if (jar == null) {
            jar = new CookieJar();
        }
        return jar;
    }
}

package com.tikneuron.subtitle.tiktok;

/** A TikTok URL a caller gave us, understood: either a video id read offline or a short link to follow. */
public sealed interface TikTokUrl {

    /** A URL that names its video: the id is in the path. */
    record Video(String videoId) implements TikTokUrl {
    }

    /** A short link ({@code vm.}/{@code vt.}/{@code /t/}) whose video is known only after following it. */
    record ShortLink(String url) implements TikTokUrl {
    }

    /** The normalised page address of a video; the user part is never checked by TikTok. */
    static String canonical(String videoId) {
        return "https://www.tiktok.com/@_/video/" + videoId;
    }
}

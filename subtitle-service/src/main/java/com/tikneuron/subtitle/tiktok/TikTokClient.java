package com.tikneuron.subtitle.tiktok;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * TikTok's web data, one step at a time: short links to video ids, video pages to {@link VideoItem}s (solving the bot
 * challenge when asked), and signed caption or media URLs to bytes, sent with the page's cookies and Referer.
 */
public final class TikTokClient {

    /** Limits per kind of download. */
    public record Limits(long maxPageBytes, long maxCaptionBytes, long maxMediaBytes, Duration requestTimeout,
            Duration mediaTimeout, int maxRedirects) {
    }

    private static final Logger LOG = Logger.getLogger(TikTokClient.class);
    private static final String REFERER = "https://www.tiktok.com/";

    private final GuardedFetcher fetcher;
    private final PageParser parser;
    private final BotChallenge challenge;
    private final Limits limits;

    public TikTokClient(GuardedFetcher fetcher, PageParser parser, BotChallenge challenge, Limits limits) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.challenge = challenge;
        this.limits = limits;
    }

    /** Follows a short link (without automatic redirects, each hop checked) to the id of its video. */
    public Uni<String> followShortLink(String shortLink) {
        return hop(shortLink, new CookieJar(), 0);
    }

    private Uni<String> hop(String url, CookieJar jar, int hops) {
        if (hops >= limits.maxRedirects()) {
            return Uni.createFrom().failure(new VideoUnavailableException("This link redirects too many times"));
        }
        return fetch(url, FetchRequest.Kind.PAGE, "GET", Map.of(), jar, limits.maxPageBytes(), limits.requestTimeout())
                .onItem().transformToUni(response -> {
                    if (!response.isRedirect()) {
                        return Uni.createFrom().failure(response.status() == 404
                                ? new VideoUnavailableException("This link does not lead to a video")
                                : unexpected(response.status()));
                    }
                    String location = absolute(url, response.header("Location"));
                    if (location == null) {
                        // No usable target (missing, empty, unparsable): the link leads to no TikTok video.
                        LOG.warnf("short link redirected to no usable address; refused");
                        return Uni.createFrom().failure(new InvalidUrlException());
                    }
                    if (TikTokUrls.isHomePage(location)) {
                        return Uni.createFrom().failure(new VideoUnavailableException("This link does not lead to a video"));
                    }
                    if (TikTokUrls.isLoginPage(location)) {
                        return Uni.createFrom().failure(new VideoUnavailableException("This video requires a login to view"));
                    }
                    Optional<TikTokUrl> target = TikTokUrls.redirectTarget(location);
                    if (target.isEmpty()) {
                        LOG.warnf("short link redirected off TikTok; refused");
                        return Uni.createFrom().failure(new InvalidUrlException());
                    }
                    return switch (target.get()) {
                        case TikTokUrl.Video video -> Uni.createFrom().item(video.videoId());
                        case TikTokUrl.ShortLink next -> hop(next.url(), jar, hops + 1);
                    };
                });
    }

    /** Fetches and reads a video's page, solving the bot challenge at most once. */
    public Uni<VideoItem> fetchVideo(String videoId, CookieJar jar) {
        return page(videoId, jar, true);
    }

    private Uni<VideoItem> page(String videoId, CookieJar jar, boolean mayChallenge) {
        return fetch(TikTokUrl.canonical(videoId), FetchRequest.Kind.PAGE, "GET", Map.of(), jar, limits.maxPageBytes(),
                limits.requestTimeout())
                .onItem().transformToUni(response -> {
                    if (response.isRedirect()) {
                        String location = absolute(TikTokUrl.canonical(videoId), response.header("Location"));
                        return Uni.createFrom().failure(location != null && TikTokUrls.isLoginPage(location)
                                ? new VideoUnavailableException("This video requires a login to view")
                                : new VideoUnavailableException("This video is not available"));
                    }
                    if (response.status() == 404 || response.status() == 410) {
                        return Uni.createFrom().failure(new VideoUnavailableException("This video is not available"));
                    }
                    if (response.status() != 200) {
                        return Uni.createFrom().failure(unexpected(response.status()));
                    }
                    String html = new String(response.body(), StandardCharsets.UTF_8);
                    return switch (parser.parse(html, videoId)) {
                        case PageParser.VideoPage video -> Uni.createFrom().item(video.item());
                        case PageParser.Unavailable unavailable -> Uni.createFrom().failure(new VideoUnavailableException(unavailable.message()));
                        case PageParser.ChallengePage page when mayChallenge -> Uni.createFrom().item(() -> challenge.solve(page.encodedChallenge()))
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                                .onItem().transformToUni(answer -> {
                                    if (answer.isEmpty()) {
                                        return Uni.createFrom().failure(new TikTokUnavailableException("TikTok's bot challenge could not be solved"));
                                    }
                                    jar.put(page.cookieName(), answer.get());
                                    return page(videoId, jar, false);
                                });
                        case PageParser.ChallengePage page -> Uni.createFrom().failure(new TikTokUnavailableException("TikTok kept asking for its bot challenge"));
                        case PageParser.Unrecognised unrecognised -> Uni.createFrom().failure(new TikTokUnavailableException("TikTok's page carried no video data"));
                    };
                });
    }

    /** Downloads a caption track, trying each of its URLs in turn. */
    public Uni<byte[]> downloadCaption(CaptionTrack track, CookieJar jar) {
        return download(track.urls(), 0, jar, limits.maxCaptionBytes(), limits.requestTimeout());
    }

    /** Opens the media of the first address of this source that answers 200; the body streams, capped. */
    public Uni<StreamedResponse> openMedia(MediaSource source, CookieJar jar) {
        return openMedia(source.urls(), 0, jar);
    }

    private Uni<StreamedResponse> openMedia(List<String> urls, int index, CookieJar jar) {
        if (index >= urls.size()) {
            return Uni.createFrom().failure(new TikTokUnavailableException("TikTok's CDN refused every address of this file"));
        }
        return fetcher.stream(new FetchRequest(urls.get(index), FetchRequest.Kind.CDN, "GET", Map.of("Referer", REFERER, "Accept", "*/*"),
                        jar, limits.maxMediaBytes(), limits.mediaTimeout()))
                .onFailure(e -> !(e instanceof BlockedAddressException || e instanceof ResponseTooLargeException))
                .recoverWithUni(e -> openMedia(urls, index + 1, jar))
                .onItem().transformToUni(response -> {
                    if (response.status() == 200) {
                        return Uni.createFrom().item(response);
                    }
                    response.discard().run();
                    return openMedia(urls, index + 1, jar);
                });
    }

    private Uni<byte[]> download(List<String> urls, int index, CookieJar jar, long maxBytes, Duration timeout) {
        if (index >= urls.size()) {
            return Uni.createFrom().failure(new TikTokUnavailableException("TikTok's CDN refused every address of this file"));
        }
        return fetch(urls.get(index), FetchRequest.Kind.CDN, "GET", Map.of("Referer", REFERER, "Accept", "*/*"), jar, maxBytes, timeout)
                .onItem().transformToUni(response -> response.status() == 200
                        ? Uni.createFrom().item(response.body())
                        : download(urls, index + 1, jar, maxBytes, timeout))
                .onFailure(TikTokUnavailableException.class).recoverWithUni(e -> download(urls, index + 1, jar, maxBytes, timeout));
    }

    private Uni<FetchedResponse> fetch(String url, FetchRequest.Kind kind, String method, Map<String, String> headers,
            CookieJar jar, long maxBytes, Duration timeout) {
        return fetcher.fetch(new FetchRequest(url, kind, method, headers, jar, maxBytes, timeout))
                .onFailure(e -> !(e instanceof BlockedAddressException || e instanceof ResponseTooLargeException
                        || e instanceof TikTokUnavailableException))
                .transform(e -> new TikTokUnavailableException(e instanceof TimeoutException
                        ? "TikTok did not answer in time" : "TikTok could not be reached", e));
    }

    private static TikTokUnavailableException unexpected(int status) {
        return new TikTokUnavailableException(status == 429 ? "TikTok is rate-limiting us" : "TikTok answered with status " + status);
    }

    private static String absolute(String base, String location) {
        if (location == null || location.isBlank() || location.length() > TikTokUrls.MAX_LENGTH) {
            return null;
        }
        try {
            return URI.create(base).resolve(location.strip()).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

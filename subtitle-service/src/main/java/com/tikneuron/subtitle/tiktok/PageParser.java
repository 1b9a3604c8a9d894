package com.tikneuron.subtitle.tiktok;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Reads a TikTok video page. All knowledge of TikTok's page layout lives here, so one fix covers a layout change:
 * the current {@code __UNIVERSAL_DATA_FOR_REHYDRATION__} script, the older {@code SIGI_STATE} and
 * {@code __NEXT_DATA__} ones, and the bot-challenge page. Every field access is defensive.
 */
public final class PageParser {

    /** What a page turned out to be. */
    public sealed interface Page {
    }

    /** A page with video data (status 0). */
    public record VideoPage(VideoItem item) implements Page {
    }

    /** A page whose status says TikTok will not show the video. */
    public record Unavailable(int statusCode, String message) implements Page {
    }

    /** The proof-of-work challenge page; {@code encodedChallenge} is the element's base64 JSON. */
    public record ChallengePage(String encodedChallenge, String cookieName) implements Page {
    }

    /** Neither video data nor a challenge: an unknown layout or an error page. */
    public record Unrecognised() implements Page {
    }

    private static final Pattern SCRIPT = Pattern.compile(
            "<script\\b[^>]*\\bid=\"(__UNIVERSAL_DATA_FOR_REHYDRATION__|SIGI_STATE|__NEXT_DATA__)\"[^>]*>(.*?)</script>",
            Pattern.DOTALL);
    private static final Pattern CHALLENGE = Pattern.compile("<[^>]*\\bid=\"cs\"[^>]*\\bclass=\"([A-Za-z0-9+/=]+)\"");
    private static final Pattern CHALLENGE_COOKIE = Pattern.compile("<[^>]*\\bid=\"wci\"[^>]*\\bclass=\"([A-Za-z0-9_-]+)\"");

    private final ObjectMapper mapper;

    public PageParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Page parse(String html, String videoId) {
        Matcher script = SCRIPT.matcher(html);
        while (script.find()) {
            Optional<JsonNode> root = json(script.group(2));
            if (root.isEmpty()) {
                continue;
            }
            Optional<Page> page = switch (script.group(1)) {
                case "__UNIVERSAL_DATA_FOR_REHYDRATION__" -> fromScope(root.get().path("__DEFAULT_SCOPE__").path("webapp.video-detail"),
                        n -> n.path("itemInfo").path("itemStruct"), videoId);
                case "SIGI_STATE" -> fromSigi(root.get(), videoId);
                default -> fromScope(root.get().path("props").path("pageProps"), n -> n.path("itemInfo").path("itemStruct"), videoId);
            };
            if (page.isPresent()) {
                return page.get();
            }
        }
        Matcher challenge = CHALLENGE.matcher(html);
        if (challenge.find()) {
            Matcher cookie = CHALLENGE_COOKIE.matcher(html);
            return new ChallengePage(challenge.group(1), cookie.find() ? cookie.group(1) : "_wafchallengeid");
        }
        return new Unrecognised();
    }

    private Optional<Page> fromScope(JsonNode scope, java.util.function.Function<JsonNode, JsonNode> item, String videoId) {
        if (scope.isMissingNode() || !scope.isObject()) {
            return Optional.empty();
        }
        int status = scope.path("statusCode").asInt(0);
        return Optional.of(page(status, scope.path("statusMsg").asText(""), item.apply(scope), videoId));
    }

    private Optional<Page> fromSigi(JsonNode root, String videoId) {
        JsonNode items = root.path("ItemModule");
        JsonNode item = items.path(videoId);
        if (item.isMissingNode() && items.isObject() && items.size() == 1) {
            item = items.elements().next();
        }
        JsonNode videoPage = root.path("VideoPage");
        if (videoPage.isMissingNode() && item.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(page(videoPage.path("statusCode").asInt(0), videoPage.path("statusMsg").asText(""), item, videoId));
    }

    private Page page(int status, String statusMessage, JsonNode item, String videoId) {
        if (status != 0) {
            return new Unavailable(status, StatusCodes.message(status));
        }
        if (!item.isObject()) {
            return new Unavailable(status, "This video is not available");
        }
        boolean classified = item.path("isContentClassified").asBoolean(false);
        if (classified && !item.path("video").isObject()) {
            return new Unavailable(status, "This video is age-restricted");
        }
        return new VideoPage(item(item, videoId));
    }

    VideoItem item(JsonNode item, String videoId) {
        JsonNode video = item.path("video");
        JsonNode music = item.path("music");
        JsonNode stats = item.path("stats");
        JsonNode statsV2 = item.path("statsV2");
        boolean photo = item.path("imagePost").isObject();
        Integer duration = positiveInt(video.path("duration"));
        if (duration == null) {
            duration = positiveInt(music.path("duration"));
        }
        Long created = number(item.path("createTime"));
        return new VideoItem(
                text(item.path("id")).orElse(videoId),
                text(item.path("author").path("uniqueId")).orElse(null),
                text(item.path("author").path("nickname")).orElse(null),
                text(item.path("desc")).orElse(null),
                hashtags(item),
                text(music.path("title")).orElse(null),
                text(music.path("authorName")).orElse(null),
                stat(stats, statsV2, "playCount"),
                stat(stats, statsV2, "diggCount"),
                stat(stats, statsV2, "commentCount"),
                stat(stats, statsV2, "shareCount"),
                stat(stats, statsV2, "collectCount"),
                duration,
                created == null || created <= 0 ? null : Instant.ofEpochSecond(created),
                photo,
                captions(video),
                media(video, music, photo),
                images(item.path("imagePost")));
    }

    /** A photo post's slides in order: the first URL of each {@code imagePost.images[].imageURL.urlList}. */
    private static List<String> images(JsonNode imagePost) {
        List<String> urls = new ArrayList<>();
        for (JsonNode image : iterable(imagePost.path("images"))) {
            for (JsonNode url : iterable(image.path("imageURL").path("urlList"))) {
                Optional<String> first = text(url);
                if (first.isPresent()) {
                    urls.add(first.get());
                    break;
                }
            }
        }
        return List.copyOf(urls);
    }

    private static List<String> hashtags(JsonNode item) {
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (JsonNode extra : iterable(item.path("textExtra"))) {
            text(extra.path("hashtagName")).ifPresent(tags::add);
        }
        return List.copyOf(tags);
    }

    private static List<CaptionTrack> captions(JsonNode video) {
        List<CaptionTrack> tracks = new ArrayList<>();
        for (JsonNode info : iterable(video.path("subtitleInfos"))) {
            String source = text(info.path("Source")).orElse(null);
            List<String> urls = text(info.path("Url")).map(List::of).orElse(List.of());
            tracks.add(new CaptionTrack(text(info.path("LanguageCodeName")).orElse(null), source,
                    text(info.path("Format")).orElse(CaptionTrack.WEBVTT).toLowerCase(), "ASR".equalsIgnoreCase(source), urls));
        }
        for (JsonNode info : iterable(video.path("claInfo").path("captionInfos"))) {
            LinkedHashSet<String> urls = new LinkedHashSet<>();
            text(info.path("url")).ifPresent(urls::add);
            for (JsonNode url : iterable(info.path("urlList"))) {
                text(url).ifPresent(urls::add);
            }
            boolean original = info.path("isOriginalCaption").asBoolean(false);
            boolean auto = info.path("isAutoGen").asBoolean(false);
            CaptionTrack track = new CaptionTrack(text(info.path("language")).orElse(null),
                    auto ? (original ? "ASR" : "MT") : "LC",
                    text(info.path("captionFormat")).orElse(CaptionTrack.WEBVTT).toLowerCase(), original, List.copyOf(urls));
            int same = indexOfSame(tracks, track);
            if (same < 0) {
                tracks.add(track);
            } else {
                CaptionTrack known = tracks.get(same);
                LinkedHashSet<String> merged = new LinkedHashSet<>(known.urls());
                merged.addAll(track.urls());
                tracks.set(same, new CaptionTrack(known.language(), known.source() != null ? known.source() : track.source(),
                        known.format(), known.original() || original, List.copyOf(merged)));
            }
        }
        return List.copyOf(tracks);
    }

    private static int indexOfSame(List<CaptionTrack> tracks, CaptionTrack track) {
        for (int i = 0; i < tracks.size(); i++) {
            if (tracks.get(i).sameTrack(track)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Media choices for a speech pipeline: the audio-only sound when it is the video's own audio (an "original
     * sound") or the post is a slideshow, then the smallest playable (non-bytevc2) rendition, then the plain
     * addresses.
     */
    private static List<MediaSource> media(JsonNode video, JsonNode music, boolean photo) {
        List<MediaSource> sources = new ArrayList<>();
        Optional<String> musicUrl = text(music.path("playUrl"));
        boolean ownAudio = music.path("original").asBoolean(false)
                || text(music.path("title")).map(t -> t.toLowerCase().startsWith("original sound")).orElse(false);
        if (musicUrl.isPresent() && (ownAudio || photo)) {
            sources.add(new MediaSource("audio/mpeg", List.of(musicUrl.get())));
        }
        record Rendition(long size, List<String> urls) {
        }
        List<Rendition> renditions = new ArrayList<>();
        for (JsonNode rate : iterable(video.path("bitrateInfo"))) {
            String codec = text(rate.path("CodecType")).orElse("").toLowerCase();
            if (codec.contains("bytevc2")) {
                continue;
            }
            List<String> urls = new ArrayList<>();
            for (JsonNode url : iterable(rate.path("PlayAddr").path("UrlList"))) {
                text(url).ifPresent(urls::add);
            }
            if (!urls.isEmpty()) {
                Long size = number(rate.path("PlayAddr").path("DataSize"));
                renditions.add(new Rendition(size == null ? Long.MAX_VALUE : size, urls));
            }
        }
        renditions.sort(Comparator.comparingLong(Rendition::size));
        renditions.forEach(r -> sources.add(new MediaSource("video/mp4", List.copyOf(r.urls()))));
        text(video.path("playAddr")).ifPresent(url -> sources.add(new MediaSource("video/mp4", List.of(url))));
        text(video.path("downloadAddr")).ifPresent(url -> sources.add(new MediaSource("video/mp4", List.of(url))));
        if (musicUrl.isPresent() && !(ownAudio || photo) && sources.isEmpty()) {
            sources.add(new MediaSource("audio/mpeg", List.of(musicUrl.get())));
        }
        return List.copyOf(sources);
    }

    private static Long stat(JsonNode stats, JsonNode statsV2, String name) {
        Long value = number(stats.path(name));
        return value != null ? value : number(statsV2.path(name));
    }

    private static Integer positiveInt(JsonNode node) {
        Long value = number(node);
        return value == null || value <= 0 || value > Integer.MAX_VALUE ? null : value.intValue();
    }

    /** A number TikTok may send as a JSON number or as a string of digits. */
    static Long number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return (long) node.asDouble();
        }
        if (node.isTextual() && node.asText().matches("-?\\d{1,18}")) {
            return Long.parseLong(node.asText());
        }
        return null;
    }

    private static Optional<String> text(JsonNode node) {
        if (node == null || !(node.isTextual() || node.isNumber())) {
            return Optional.empty();
        }
        String value = node.asText().strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node.isArray() ? node : MissingNode.getInstance();
    }

    private Optional<JsonNode> json(String text) {
        try {
            return Optional.of(mapper.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}

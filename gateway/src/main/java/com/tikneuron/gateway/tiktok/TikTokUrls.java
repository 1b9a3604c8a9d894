package com.tikneuron.gateway.tiktok;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offline check that a string is a TikTok video URL in one of the public forms: allowed host, allowed path
 * shape. Nothing is fetched here; short links are only checked for shape and resolved by subtitle-service.
 */
public final class TikTokUrls {

    private static final int MAX_LENGTH = 2048;

    private static final Set<String> WEB_HOSTS = Set.of("tiktok.com", "www.tiktok.com");
    private static final Set<String> SHORT_HOSTS = Set.of("vm.tiktok.com", "vt.tiktok.com");
    private static final Set<String> SHARE_HOSTS = Set.of("tiktokv.com", "www.tiktokv.com");
    private static final String MOBILE_HOST = "m.tiktok.com";

    private static final String ID = "[0-9]{19}";
    private static final Pattern WEB_PATH = Pattern.compile(
            "/@[^/@]{0,100}/(?:video|photo)/" + ID
                    + "|/embed/(?:v2/)?" + ID
                    + "|/share/video/" + ID
                    + "|/t/[A-Za-z0-9_-]{1,64}");
    private static final Pattern SHARE_PATH = Pattern.compile("/share/video/" + ID);
    private static final Pattern MOBILE_PATH = Pattern.compile("/v/" + ID + "\\.html");
    private static final Pattern SHORT_PATH = Pattern.compile("/[A-Za-z0-9_-]{1,64}");
    // The forms that name the video in their path; a short link's code must be resolved by TikTok first.
    private static final Pattern ID_IN_PATH = Pattern.compile(
            "(?:/@[^/@]{0,100}/(?:video|photo)|/embed(?:/v2)?|/share/video|/v)/(" + ID + ")(?:\\.html)?");

    private TikTokUrls() {
    }

    /** The video id a video URL names in its path; empty for short links and for anything not a video URL. */
    public static Optional<String> videoId(String value) {
        if (!isVideoUrl(value)) {
            return Optional.empty();
        }
        String host = URI.create(value).getHost().toLowerCase(Locale.ROOT);
        if (SHORT_HOSTS.contains(host)) {
            return Optional.empty();
        }
        Matcher id = ID_IN_PATH.matcher(path(URI.create(value)));
        return id.matches() ? Optional.of(id.group(1)) : Optional.empty();
    }

    /** True when the value is an http(s) URL on a TikTok host with a video path (trailing slash and query ignored). */
    public static boolean isVideoUrl(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            return false;
        }
        // A user-info part is how "https://www.tiktok.com@evil.com/" hides its real host.
        if (uri.getRawUserInfo() != null || uri.getHost() == null) {
            return false;
        }
        int port = uri.getPort();
        if (port != -1 && port != 80 && port != 443) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = path(uri);
        if (path == null) {
            return false;
        }
        if (WEB_HOSTS.contains(host)) {
            return WEB_PATH.matcher(path).matches();
        }
        if (SHORT_HOSTS.contains(host)) {
            return SHORT_PATH.matcher(path).matches();
        }
        if (SHARE_HOSTS.contains(host)) {
            return SHARE_PATH.matcher(path).matches();
        }
        if (MOBILE_HOST.equals(host)) {
            return MOBILE_PATH.matcher(path).matches() || WEB_PATH.matcher(path).matches();
        }
        return false;
    }

    private static String path(URI uri) {
        String path = uri.getPath();
        if (path != null && path.length() > 1 && path.endsWith("/")) {
            return path.substring(0, path.length() - 1);
        }
        return path;
    }
}

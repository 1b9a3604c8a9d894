package com.tikneuron.subtitle.tiktok;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads every public TikTok URL form. Hosts are compared exactly on the parsed URI, never by substring, and
 * paths on their raw (undecoded) form, so encoded slashes or look-alike hosts never match.
 */
public final class TikTokUrls {

    /** Longest URL accepted; real TikTok URLs with tracking parameters stay far below it. */
    public static final int MAX_LENGTH = 2048;

    private static final Pattern USER_POST = Pattern.compile("^/@[A-Za-z0-9._-]{0,64}/(?:video|photo)/(\\d{19})/?$");
    private static final Pattern EMBED = Pattern.compile("^/embed/(?:v2/)?(\\d{19})/?$");
    private static final Pattern SHARE = Pattern.compile("^/share/video/(\\d{19})/?$");
    private static final Pattern MOBILE = Pattern.compile("^/v/(\\d{19})\\.html/?$");
    private static final Pattern SHORT_CODE = Pattern.compile("^/([A-Za-z0-9]{5,20})/?$");
    private static final Pattern T_CODE = Pattern.compile("^/t/([A-Za-z0-9]{5,20})/?$");
    private static final Pattern FORBIDDEN_CHARS = Pattern.compile("[\\s\\p{Cntrl}\\\\]");
    // TikTok launched in 2016; an id whose embedded creation time lies outside that range is not a TikTok id.
    private static final long FIRST_POSSIBLE_SECOND = 1_451_606_400L;

    private TikTokUrls() {
    }

    /** Understands a caller's URL or refuses it. */
    public static TikTokUrl parse(String input) {
        URI uri = checkedUri(input);
        String host = uri.getHost();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (TikTokHosts.isShortLinkHost(host)) {
            Matcher code = SHORT_CODE.matcher(path);
            if (code.matches()) {
                return new TikTokUrl.ShortLink("https://" + host + "/" + code.group(1) + "/");
            }
            throw new InvalidUrlException();
        }
        if (TikTokHosts.isWebHost(host)) {
            Matcher code = T_CODE.matcher(path);
            if (code.matches()) {
                return new TikTokUrl.ShortLink("https://" + host + "/t/" + code.group(1) + "/");
            }
            return videoIn(path).map(TikTokUrl.Video::new).orElseThrow(InvalidUrlException::new);
        }
        if (TikTokHosts.isShareHost(host)) {
            Matcher share = SHARE.matcher(path);
            if (share.matches() && plausibleId(share.group(1))) {
                return new TikTokUrl.Video(share.group(1));
            }
        }
        throw new InvalidUrlException();
    }

    /**
     * What a short link's redirect points at: a video, another short link, the home page (a dead link), or
     * something that is not a TikTok page at all (empty).
     */
    public static Optional<TikTokUrl> redirectTarget(String location) {
        try {
            return Optional.of(parse(location));
        } catch (InvalidUrlException e) {
            return Optional.empty();
        }
    }

    /** Whether a redirect lands on TikTok's home page, which is how TikTok answers a dead short link. */
    public static boolean isHomePage(String location) {
        try {
            URI uri = checkedUri(location);
            String path = uri.getRawPath();
            return TikTokHosts.isWebHost(uri.getHost()) && (path == null || path.isEmpty() || path.equals("/"));
        } catch (InvalidUrlException e) {
            return false;
        }
    }

    /** Whether a redirect asks for a login, which TikTok does for posts it will not show anonymously. */
    public static boolean isLoginPage(String location) {
        try {
            URI uri = checkedUri(location);
            return TikTokHosts.isWebHost(uri.getHost()) && uri.getRawPath() != null && uri.getRawPath().startsWith("/login");
        } catch (InvalidUrlException e) {
            return false;
        }
    }

    /** Whether a string is a well-formed TikTok video id. */
    public static boolean plausibleId(String id) {
        if (id == null || !id.matches("\\d{19}")) {
            return false;
        }
        try {
            long seconds = Long.parseLong(id) >>> 32;
            return seconds >= FIRST_POSSIBLE_SECOND && seconds <= Instant.now().getEpochSecond() + 86_400;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<String> videoIn(String path) {
        for (Pattern form : new Pattern[] {USER_POST, EMBED, SHARE, MOBILE}) {
            Matcher matcher = form.matcher(path);
            if (matcher.matches()) {
                return plausibleId(matcher.group(1)) ? Optional.of(matcher.group(1)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static URI checkedUri(String input) {
        if (input == null) {
            throw new InvalidUrlException();
        }
        String text = input.strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH || FORBIDDEN_CHARS.matcher(text).find()) {
            throw new InvalidUrlException();
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidUrlException();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidUrlException();
        }
        if (uri.getRawUserInfo() != null || uri.getHost() == null || uri.getRawAuthority() == null
                || uri.getRawAuthority().contains("@")) {
            throw new InvalidUrlException();
        }
        int port = uri.getPort();
        if (port != -1 && port != 80 && port != 443) {
            throw new InvalidUrlException();
        }
        return normalised(uri);
    }

    private static URI normalised(URI uri) {
        try {
            return new URI(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new InvalidUrlException();
        }
    }
}

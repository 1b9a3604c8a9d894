package com.tikneuron.subtitle.tiktok;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The allow-list: the exact hosts a caller's URL may name, and the CDN domains captions and media come from. */
public final class TikTokHosts {

    private static final Set<String> WEB = Set.of("www.tiktok.com", "tiktok.com", "m.tiktok.com");
    private static final Set<String> SHORT_LINK = Set.of("vm.tiktok.com", "vt.tiktok.com");
    private static final Set<String> SHARE = Set.of("www.tiktokv.com", "tiktokv.com");
    // Signed caption and media URLs point at subdomains of these (v16-webapp-prime.tiktok.com, sf16-…tiktokcdn.com).
    private static final List<String> CDN_DOMAINS = List.of("tiktok.com", "tiktokcdn.com", "tiktokcdn-us.com",
            "tiktokcdn-eu.com", "tiktokv.com", "tiktokv.us", "ibytedtos.com", "byteoversea.com");

    private TikTokHosts() {
    }

    static boolean isWebHost(String host) {
        return host != null && WEB.contains(host.toLowerCase(Locale.ROOT));
    }

    static boolean isShortLinkHost(String host) {
        return host != null && SHORT_LINK.contains(host.toLowerCase(Locale.ROOT));
    }

    static boolean isShareHost(String host) {
        return host != null && SHARE.contains(host.toLowerCase(Locale.ROOT));
    }

    /** A host a page or short link may be fetched from. */
    public static boolean isPageHost(String host) {
        return isWebHost(host) || isShortLinkHost(host) || isShareHost(host);
    }

    /** A host a caption track or media file may be downloaded from: a label-wise subdomain of a CDN domain. */
    public static boolean isCdnHost(String host) {
        if (host == null || host.isEmpty() || host.endsWith(".") || !host.matches("[A-Za-z0-9.-]{1,253}")) {
            return false;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        for (String domain : CDN_DOMAINS) {
            if (lower.equals(domain) || lower.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }
}

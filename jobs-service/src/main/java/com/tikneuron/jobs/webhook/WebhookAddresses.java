package com.tikneuron.jobs.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.jobs.config.JobsConfig;

/**
 * Which webhook URLs may be called (SSRF): https only, to a host whose every address is public; never loopback,
 * private, link-local (cloud metadata), multicast or unspecified. The local-testing setting
 * ({@code TIKNEURON_WEBHOOKS_ALLOW_LOCAL}, off by default) also allows plain http and loopback or private hosts. The
 * check runs when a job is accepted and again, on the address actually connected to, at every delivery.
 */
@ApplicationScoped
public class WebhookAddresses {

    static final String INVALID = "The webhook url must be an https URL of a public host.";
    private static final int MAX_LENGTH = 2048;

    private final boolean allowLocal;

    WebhookAddresses(JobsConfig config) {
        this.allowLocal = config.webhooks().allowLocal();
    }

    /** A URL that may be delivered to, resolved to the address to connect to. */
    public record Target(URI url, InetAddress address, int port, boolean tls) {
    }

    /** The contract's error message when the URL may not be called, otherwise empty. */
    public Optional<String> problem(String url) {
        try {
            resolve(url);
            return Optional.empty();
        } catch (RefusedUrlException e) {
            return Optional.of(INVALID);
        }
    }

    /** The address to deliver to, checked now (a name may resolve elsewhere than when the job was accepted). */
    public Target resolve(String url) {
        if (url == null || url.length() > MAX_LENGTH) {
            throw new RefusedUrlException("too long");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedUrlException("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = scheme.equals("https");
        if (!tls && !(allowLocal && scheme.equals("http"))) {
            throw new RefusedUrlException("scheme " + scheme);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new RefusedUrlException("no host, or credentials in the URL");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new RefusedUrlException("unknown host");
        }
        for (InetAddress address : addresses) {
            if (!allowLocal && !isPublic(address)) {
                throw new RefusedUrlException("not a public address");
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        return new Target(uri, addresses[0], port, tls);
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 0/8, 100.64/10 (carrier NAT), 192.0.0/24, 198.18/15 (benchmarks), 240/4 (reserved)
            return !(first == 0 || (first == 100 && second >= 64 && second < 128)
                    || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19)) || first >= 240);
        }
        if (address instanceof Inet6Address) {
            // fc00::/7 unique local; ::ffff:0:0/96 mapped IPv4 is checked as the IPv4 address it carries
            if ((bytes[0] & 0xfe) == 0xfc) {
                return false;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A webhook URL that may not be called. */
    public static class RefusedUrlException extends RuntimeException {

        RefusedUrlException(String reason) {
            super(reason, null, false, false);
        }
    }
}

package com.tikneuron.diarization.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import com.tikneuron.diarization.config.OcrConfig;
import com.tikneuron.diarization.ocr.OcrFailedException;
import com.tikneuron.paid.UpstreamException;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;

/**
 * Downloads the slides of a photo post from TikTok's image CDN into files. A URL is fetched only when it is https on
 * one of the CDN's host suffixes ({@code tikneuron.ocr.image-hosts}) and its host resolves to public addresses only;
 * redirects are not followed; each body is capped while it streams and each request has a deadline. The slide URLs
 * reach this service from our own callers, but they were read from a page anyone can publish, so they are checked
 * like any user input.
 */
@ApplicationScoped
public class TikTokImageClient {

    static final String REFERER = "https://www.tiktok.com/";
    static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    static final String TOO_LARGE = "A slide of this post is too large to read";
    static final String UNAVAILABLE = "A slide of this post is not available";
    private static final List<String> STAND_IN_PROFILES = List.of("standin", "dev", "test");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final OcrConfig config;
    private final List<String> profiles;

    public TikTokImageClient(OcrConfig config, Config runtime) {
        this.config = config;
        this.profiles = runtime.unwrap(SmallRyeConfig.class).getProfiles();
    }

    /** An image origin override sends slide requests past the address checks: only stand-in profiles may start with it. */
    void check(@Observes StartupEvent event) {
        refusal(config.imageOrigin(), profiles).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    static Optional<String> refusal(Optional<URI> origin, List<String> activeProfiles) {
        boolean standIn = !activeProfiles.contains("prod") && activeProfiles.stream().anyMatch(STAND_IN_PROFILES::contains);
        if (origin.isEmpty() || standIn) {
            return Optional.empty();
        }
        return Optional.of("tikneuron.ocr.image-origin (TIKNEURON_OCR_IMAGE_ORIGIN) is set to " + origin.get()
                + ": it sends every slide request to that origin without the address checks, so only the profiles "
                + STAND_IN_PROFILES + " start with it, and never beside prod (active: " + activeProfiles + ")");
    }

    /** True when the URL may be fetched: https, no user part, default port, a host on TikTok's image CDN. */
    public static boolean allowed(String url, List<String> hostSuffixes) {
        if (url == null || url.length() > 4096) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getHost() == null
                || (uri.getPort() != -1 && uri.getPort() != 443) || uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return hostSuffixes.stream().map(suffix -> suffix.toLowerCase(Locale.ROOT).strip())
                .anyMatch(suffix -> !suffix.isEmpty() && (host.equals(suffix) || host.endsWith("." + suffix)));
    }

    /** Downloads one slide into the file; blocking, for the workers. */
    public void download(String url, Path target) {
        if (!allowed(url, config.imageHosts())) {
            throw new OcrFailedException("Slide images are read only from TikTok's image CDN");
        }
        URI uri = URI.create(url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        HttpRequest.Builder request;
        if (config.imageOrigin().isPresent()) {
            String origin = config.imageOrigin().get().toString().replaceAll("/+$", "");
            request = HttpRequest.newBuilder(URI.create(origin + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .header("X-Forwarded-Host", host);
        } else {
            requirePublic(host);
            request = HttpRequest.newBuilder(uri);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.timeout(config.imageTimeout()).header("Referer", REFERER)
                    .header("User-Agent", USER_AGENT).header("Accept", "image/webp,image/jpeg,image/png,*/*;q=0.5")
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UpstreamException("slide download failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("slide download interrupted");
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status >= 500 || status == 429 || status == 408) {
                throw new UpstreamException("TikTok's image CDN answered HTTP " + status);
            }
            if (status != 200) {
                // Expired signatures (403), removed images (404) and redirects elsewhere alike: nothing to read here
                throw new OcrFailedException(UNAVAILABLE);
            }
            if (response.headers().firstValueAsLong("Content-Length").orElse(-1) > config.maxImageBytes()) {
                throw new OcrFailedException(TOO_LARGE);
            }
            copyBounded(body, target);
        } catch (IOException e) {
            throw new UpstreamException("slide download failed: " + e.getMessage());
        }
    }

    private void copyBounded(InputStream body, Path target) throws IOException {
        long copied = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int read; (read = body.read(buffer)) >= 0;) {
                copied += read;
                if (copied > config.maxImageBytes()) {
                    throw new OcrFailedException(TOO_LARGE);
                }
                out.write(buffer, 0, read);
            }
        }
    }

    /** A CDN host name that resolves to a private, loopback or link-local address is not TikTok's CDN. */
    private static void requirePublic(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UpstreamException("slide host does not resolve: " + host);
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || address.isAnyLocalAddress() || address.isMulticastAddress()
                    || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xFE) == 0xFC)) {
                throw new OcrFailedException("Slide images are read only from TikTok's image CDN");
            }
        }
    }
}

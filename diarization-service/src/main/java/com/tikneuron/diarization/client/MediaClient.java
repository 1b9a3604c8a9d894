package com.tikneuron.diarization.client;

import com.tikneuron.paid.UpstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import com.tikneuron.diarization.config.DiarizationConfig;
import com.tikneuron.platform.RequestIds;
import com.tikneuron.platform.ServiceCredentials;

/**
 * Downloads a video's media from subtitle-service's GET /internal/v1/videos/{id}/media into a file, never more
 * than the configured size. Blocking: it runs on the diarization workers, so the stream goes straight to disk.
 */
@ApplicationScoped
public class MediaClient {

    static final String TOO_LARGE = "The video is too large to process";
    static final String UNAVAILABLE = "This video is not available";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String baseUrl;
    private final DiarizationConfig config;
    private final String credential = ServiceCredentials.fromConfig().current();

    public MediaClient(@ConfigProperty(name = "quarkus.rest-client.subtitle.url") String baseUrl, DiarizationConfig config) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.config = config;
    }

    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 300, abortOn = MediaRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, skipOn = MediaRejectedException.class)
    public void download(String videoId, String requestId, Path target) {
        fetch(videoId, requestId, target, false);
    }

    /**
     * As {@link #download(String, String, Path)}; with {@code picture} the video itself ({@code ?kind=video}), never
     * the audio-only sound subtitle-service prefers for speech, for reading what the video shows.
     */
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 300, abortOn = MediaRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, skipOn = MediaRejectedException.class)
    public void download(String videoId, String requestId, Path target, boolean picture) {
        fetch(videoId, requestId, target, picture);
    }

    private void fetch(String videoId, String requestId, Path target, boolean picture) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/internal/v1/videos/"
                        + java.net.URLEncoder.encode(videoId, java.nio.charset.StandardCharsets.UTF_8) + "/media"
                        + (picture ? "?kind=video" : "")))
                .timeout(config.mediaTimeout())
                .header(RequestIds.HEADER, requestId)
                .header(ServiceCredentials.HEADER, credential)
                .GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UpstreamException("media download failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("media download interrupted");
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 404) {
                throw new MediaRejectedException(UNAVAILABLE);
            }
            if (status == 413) {
                throw new MediaRejectedException(TOO_LARGE);
            }
            if (status != 200) {
                throw new UpstreamException("subtitle-service answered HTTP " + status + " for media");
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > config.maxMediaBytes()) {
                throw new MediaRejectedException(TOO_LARGE);
            }
            copyBounded(body, target);
        } catch (IOException e) {
            throw new UpstreamException("media download failed: " + e.getMessage());
        }
    }

    private void copyBounded(InputStream body, Path target) throws IOException {
        long limit = config.maxMediaBytes();
        long copied = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int read; (read = body.read(buffer)) >= 0;) {
                copied += read;
                if (copied > limit) {
                    throw new MediaRejectedException(TOO_LARGE);
                }
                out.write(buffer, 0, read);
            }
        }
    }
}

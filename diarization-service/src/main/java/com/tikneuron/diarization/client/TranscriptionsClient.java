package com.tikneuron.diarization.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import com.tikneuron.diarization.config.SpeechConfig;
import com.tikneuron.paid.UpstreamException;
import com.tikneuron.paid.UpstreamRejectedException;

/**
 * One attempt at {@code POST {base}/audio/transcriptions} on an OpenAI-compatible server, asking for
 * {@code verbose_json} with word and segment timestamps. Blocking: it runs on the diarization workers. Retrying is
 * the caller's business because it must honour Retry-After; the breaker counts only failures that say the server
 * is in trouble, not refusals of one audio file.
 */
@ApplicationScoped
public class TranscriptionsClient {

    private static final int MAX_ANSWER_CHARS = 16 * 1024 * 1024;

    private final SpeechConfig config;
    private volatile HttpClient http;

    public TranscriptionsClient(SpeechConfig config) {
        this.config = config;
    }

    /** The body of a 200 answer; its parsing is left to the engine. */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30_000, successThreshold = 1,
            failOn = UpstreamException.class)
    public String transcribe(byte[] wav, Optional<String> language) {
        SpeechConfig.Remote remote = config.remote();
        String base = remote.baseUrl().filter(url -> !url.isBlank())
                .orElseThrow(() -> new IllegalStateException("no speech server configured (TIKNEURON_SPEECH_BASE_URL)"));
        MultipartForm form = new MultipartForm()
                .file("file", "audio.wav", "audio/wav", wav)
                .field("model", remote.model())
                .field("response_format", "verbose_json")
                .field("timestamp_granularities[]", "word")
                .field("timestamp_granularities[]", "segment");
        language.ifPresent(code -> form.field("language", code));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(trimmed(base) + "/audio/transcriptions"))
                .timeout(remote.timeout())
                .header("Content-Type", form.contentType())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.finish()));
        remote.apiKey().filter(key -> !key.isBlank()).ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> response;
        try {
            response = http().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException slow) {
            throw new UpstreamException("no answer within " + remote.timeout(), null);
        } catch (IOException unreachable) {
            throw new UpstreamException("speech server unreachable: " + unreachable.getClass().getSimpleName(), null);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted", null);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new UpstreamException("speech server answered HTTP " + status,
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        }
        if (status != 200) {
            throw new UpstreamRejectedException(status, null, "The speech engine refused the audio (HTTP " + status + ")");
        }
        String body = response.body();
        return body.length() > MAX_ANSWER_CHARS ? "" : body;
    }

    /** Retry-After in seconds (the form speech and model servers send); an HTTP date or garbage counts as absent. */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(header.strip());
            return seconds >= 0 && seconds < 86_400 ? Duration.ofMillis((long) (seconds * 1000)) : null;
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }

    private HttpClient http() {
        HttpClient current = http;
        if (current == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(config.remote().connectTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                }
                current = http;
            }
        }
        return current;
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

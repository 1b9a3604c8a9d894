package com.tikneuron.summary.client;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import com.tikneuron.paid.UpstreamException;
import com.tikneuron.paid.UpstreamRejectedException;
import com.tikneuron.summary.config.LlmConfig;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * One attempt at a chat completion. The REST client is built from configuration on first use, so the service
 * starts and serves with the built-in engine when no model server is configured. Retrying is the caller's
 * business because it must honour Retry-After.
 */
@ApplicationScoped
public class LlmClient {

    private final LlmConfig config;
    private volatile ChatCompletionsApi api;

    public LlmClient(LlmConfig config) {
        this.config = config;
    }

    public boolean isConfigured() {
        return config.baseUrl().filter(url -> !url.isBlank()).isPresent();
    }

    public String model() {
        return config.model();
    }

    /** The text of the first choice; empty when the server sent none. */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 15_000, failOn = UpstreamException.class)
    public Uni<String> complete(List<ChatMessage> messages) {
        String authorization = config.apiKey().filter(key -> !key.isBlank()).map(key -> "Bearer " + key).orElse(null);
        ChatCompletionsApi.ChatRequest request = new ChatCompletionsApi.ChatRequest(config.model(), messages,
                config.temperature(), config.maxOutputTokens(), false);
        return api().complete(authorization, request)
                .ifNoItem().after(config.timeout())
                .failWith(() -> new UpstreamException("no answer within " + config.timeout(), null))
                .onFailure(failure -> !(failure instanceof UpstreamException || failure instanceof UpstreamRejectedException))
                .transform(failure -> new UpstreamException("language model unreachable: " + failure.getClass().getSimpleName(), null))
                .map(LlmClient::firstChoice);
    }

    private static String firstChoice(ChatCompletionsApi.ChatResponse response) {
        if (response == null || response.choices() == null || response.choices().isEmpty()
                || response.choices().get(0).message() == null || response.choices().get(0).message().content() == null) {
            return "";
        }
        return response.choices().get(0).message().content();
    }

    private ChatCompletionsApi api() {
        ChatCompletionsApi current = api;
        if (current == null) {
            synchronized (this) {
                if (api == null) {
                    String base = config.baseUrl().orElseThrow(() -> new IllegalStateException("no language model configured"));
                    api = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base))
                            .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                            .build(ChatCompletionsApi.class);
                }
                current = api;
            }
        }
        return current;
    }
}

package com.tikneuron.portal.playground;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.portal.PortalConfig;

import io.quarkus.qute.TemplateData;

/**
 * Runs one call of the public API through the gateway, exactly as a customer's program would: with the customer's
 * own key in the API-KEY header, so the call is authenticated, limited and charged like any other.
 */
@ApplicationScoped
public class Playground {

    /** The endpoints the playground offers, with the option each takes and the option's values. */
    public enum Endpoint {
        SUBTITLE("subtitle", "/api/v1/tiktok/subtitle", "format", new String[] { "raw", "srt", "vtt", "txt" }),
        SUMMARIZE("summarize", "/api/v1/tiktok/summarize", "summary_type", new String[] { "bulletpoint", "textual" }),
        DIARIZATION("diarization", "/api/v1/tiktok/diarization", "format", new String[] { "raw", "srt", "vtt", "txt" });

        public final String wire;
        public final String path;
        public final String option;
        private final String[] values;

        Endpoint(String wire, String path, String option, String[] values) {
            this.wire = wire;
            this.path = path;
            this.option = option;
            this.values = values;
        }

        public static Endpoint fromWire(String value) {
            for (Endpoint endpoint : values()) {
                if (endpoint.wire.equals(value)) {
                    return endpoint;
                }
            }
            return null;
        }

        public boolean accepts(String value) {
            for (String allowed : values) {
                if (allowed.equals(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** What the gateway answered. */
    @TemplateData
    public record Result(int status, String json, String creditsCharged, String requestId) {
    }

    private static final ObjectMapper PRINTER = new ObjectMapper();

    private final HttpClient http;
    private final PortalConfig config;

    public Playground(PortalConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Result run(Endpoint endpoint, Map<String, String> body, String apiKey) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(config.gatewayUrl().replaceAll("/+$", "")
                    + endpoint.path))
                    .timeout(config.playgroundTimeout())
                    .header("Content-Type", "application/json")
                    .header("API-KEY", apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(PRINTER.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Result(response.statusCode(), pretty(response.body()),
                    response.headers().firstValue("X-Credits-Charged").orElse("0"),
                    response.headers().firstValue("X-Request-Id").orElse(""));
        } catch (HttpTimeoutException e) {
            return new Result(504, "{\"error\": \"The call took longer than the playground waits.\"}", "0", "");
        } catch (IOException e) {
            return new Result(503, "{\"error\": \"The API did not answer.\"}", "0", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(503, "{\"error\": \"The call was interrupted.\"}", "0", "");
        }
    }

    private static String pretty(String body) {
        try {
            JsonNode tree = PRINTER.readTree(body);
            return PRINTER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (IOException | RuntimeException e) {
            return body;
        }
    }
}

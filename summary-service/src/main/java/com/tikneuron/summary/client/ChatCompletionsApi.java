package com.tikneuron.summary.client;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.tikneuron.paid.UpstreamException;
import com.tikneuron.paid.UpstreamRejectedException;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** The Chat Completions endpoint shared by OpenAI, vLLM, Ollama, llama.cpp's server and LM Studio. */
@Path("/chat/completions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface ChatCompletionsApi {

    @POST
    Uni<ChatResponse> complete(@HeaderParam("Authorization") String authorization, ChatRequest request);

    record ChatRequest(String model, List<ChatMessage> messages, double temperature, int maxTokens, boolean stream) {
    }

    record ChatResponse(String id, String model, List<Choice> choices, Usage usage) {
    }

    record Choice(int index, ChatMessage message, String finishReason) {
    }

    record Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens) {
    }

    @RegisterForReflection
    record ErrorEnvelope(ErrorDetail error) {
    }

    @RegisterForReflection
    record ErrorDetail(String message, String type, Object code) {
    }

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        String detail = errorMessage(response);
        if (status == 429 || status >= 500 || status == 408) {
            return new UpstreamException("language model answered HTTP " + status + ": " + detail,
                    retryAfter(response.getHeaderString("Retry-After")));
        }
        // The server's own words go to the log only: they may quote part of the key or the prompt.
        Logger.getLogger(ChatCompletionsApi.class).warnf("language model refused the request: HTTP %d: %s", status, detail);
        return new UpstreamRejectedException(status, null, "The language model refused the request (HTTP " + status + ")");
    }

    private static String errorMessage(Response response) {
        try {
            ErrorEnvelope envelope = response.readEntity(ErrorEnvelope.class);
            if (envelope != null && envelope.error() != null && envelope.error().message() != null) {
                String message = envelope.error().message();
                return message.length() > 300 ? message.substring(0, 300) : message;
            }
        } catch (RuntimeException unreadable) {
            // Proxies in front of model servers answer errors with HTML or nothing at all.
        }
        return "no error details";
    }

    private static Duration retryAfter(String header) {
        if (header == null || !header.trim().matches("\\d{1,6}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(header.trim()));
    }
}

package com.tikneuron.summary.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where the OpenAI-compatible Chat Completions server is and how patiently it is called. */
@ConfigMapping(prefix = "tikneuron.llm")
public interface LlmConfig {

    /** Base URL ending before /chat/completions, e.g. https://api.openai.com/v1; absent = built-in engine. */
    Optional<String> baseUrl();

    /** Bearer token; local servers (Ollama, llama.cpp, vLLM without --api-key) need none. */
    Optional<String> apiKey();

    String model();

    double temperature();

    int maxOutputTokens();

    Duration connectTimeout();

    /** Limit on one attempt, from request to the whole answer. */
    Duration timeout();

    /** Attempts per call when the server answers 429 or 5xx or is too slow. */
    int maxAttempts();

    Duration initialBackoff();

    /** Ceiling for both the exponential backoff and a server's Retry-After. */
    Duration maxBackoff();
}

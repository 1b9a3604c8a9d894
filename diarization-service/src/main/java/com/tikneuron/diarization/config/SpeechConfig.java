package com.tikneuron.diarization.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Settings of the speech service (transcription); defaults live in application.properties. */
@ConfigMapping(prefix = "tikneuron.speech")
public interface SpeechConfig {

    /** "builtin" (Vosk English, offline) or "remote" (an OpenAI-compatible /v1/audio/transcriptions server). */
    String engine();

    Builtin builtin();

    Remote remote();

    /** The built-in engine's limits. */
    interface Builtin {

        /**
         * Mean recogniser confidence below which the audio is taken for speech in another language than English,
         * and refused instead of transcribed into English gibberish.
         */
        double minConfidence();
    }

    /** An OpenAI-compatible transcription server: OpenAI, Groq, faster-whisper or whisper.cpp servers, vLLM. */
    interface Remote {

        /** Base URL ending before /audio/transcriptions, e.g. https://api.openai.com/v1; required when engine=remote. */
        Optional<String> baseUrl();

        /** Bearer token; self-hosted servers often need none. */
        Optional<String> apiKey();

        /** The model name sent with every request (whisper-1, whisper-large-v3, …). */
        String model();

        Duration connectTimeout();

        /** Limit on one attempt, from the upload to the whole answer. */
        Duration timeout();

        /** Attempts per transcription when the server answers 429 or 5xx or is unreachable. */
        int maxAttempts();

        Duration initialBackoff();

        /** Ceiling for both the exponential backoff and a server's Retry-After. */
        Duration maxBackoff();
    }
}

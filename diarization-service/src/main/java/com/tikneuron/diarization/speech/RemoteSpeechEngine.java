package com.tikneuron.diarization.speech;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.diarization.client.TranscriptionsClient;
import com.tikneuron.diarization.config.SpeechConfig;
import com.tikneuron.diarization.engine.Audio;
import com.tikneuron.diarization.engine.EngineFailedException;
import com.tikneuron.diarization.engine.Word;
import com.tikneuron.paid.UpstreamException;
import com.tikneuron.paid.UpstreamRejectedException;

/**
 * Any OpenAI-compatible transcription server (OpenAI whisper-1 or gpt-4o-transcribe, Groq, faster-whisper and
 * whisper.cpp servers, vLLM). The audio goes up as a 16 kHz mono WAV; the verbose_json answer gives the language,
 * the duration, timed words and segments. Attempts are retried with exponential backoff, or after the server's
 * Retry-After, on 429, 5xx and timeouts; an open circuit breaker fails at once.
 */
public class RemoteSpeechEngine implements SpeechEngine {

    private static final Logger LOG = Logger.getLogger(RemoteSpeechEngine.class);
    static final String UNREADABLE = "The speech engine answered something unreadable";
    static final String UNAVAILABLE = "The speech engine is unavailable, please retry later";
    // Whisper's own rule for a segment that is really silence: likely no speech and a poor transcription of it.
    private static final double NO_SPEECH_PROBABILITY = 0.6;
    private static final double NO_SPEECH_LOG_PROBABILITY = -1.0;

    private final TranscriptionsClient client;
    private final SpeechConfig.Remote config;
    private final ObjectMapper mapper = new ObjectMapper();

    public RemoteSpeechEngine(TranscriptionsClient client, SpeechConfig.Remote config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public String id() {
        return "remote-openai-" + config.model();
    }

    @Override
    public void checkLanguage(Optional<String> languageHint) {
        // The server decides; Whisper-family models know about a hundred languages and detect the spoken one.
    }

    @Override
    public Transcript transcribe(Audio audio, Optional<String> languageHint) {
        String body = withRetries(audio.toWav(), languageHint.flatMap(Languages::code));
        return parse(body, audio.seconds());
    }

    private String withRetries(byte[] wav, Optional<String> language) {
        for (int attempt = 1;; attempt++) {
            try {
                return client.transcribe(wav, language);
            } catch (CircuitBreakerOpenException open) {
                throw new SpeechUnavailableException(UNAVAILABLE);
            } catch (UpstreamRejectedException rejected) {
                throw new EngineFailedException(rejected.getMessage());
            } catch (UpstreamException transient_) {
                if (attempt >= config.maxAttempts()) {
                    LOG.warnf("speech server failed %d times, last: %s", attempt, transient_.getMessage());
                    throw new SpeechUnavailableException(UNAVAILABLE);
                }
                Duration wait = backoff(attempt, transient_.retryAfter());
                LOG.infof("speech server attempt %d failed (%s); next in %d ms", attempt, transient_.getMessage(), wait.toMillis());
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new SpeechUnavailableException(UNAVAILABLE);
                }
            }
        }
    }

    private Duration backoff(int attempt, Duration retryAfter) {
        Duration exponential = config.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
        Duration wait = retryAfter != null ? retryAfter : exponential;
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    /** Reads verbose_json; anything that is not that shape is refused rather than half-used. */
    Transcript parse(String body, double audioSeconds) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException unreadable) {
            throw new EngineFailedException(UNREADABLE, unreadable);
        }
        if (root == null || !root.isObject() || !root.path("text").isTextual()
                || !(root.path("segments").isArray() || root.path("words").isArray())) {
            throw new EngineFailedException(UNREADABLE);
        }
        List<TranscriptSegment> segments = new ArrayList<>();
        List<double[]> silent = new ArrayList<>();
        for (JsonNode node : root.path("segments")) {
            double start = time(node, "start");
            double end = time(node, "end");
            boolean noSpeech = node.path("no_speech_prob").asDouble(0) > NO_SPEECH_PROBABILITY
                    && node.path("avg_logprob").asDouble(0) < NO_SPEECH_LOG_PROBABILITY;
            String text = node.path("text").asText("").strip();
            if (noSpeech) {
                silent.add(new double[] {start, end});
            } else if (!text.isEmpty()) {
                segments.add(new TranscriptSegment(round(start), round(end), text));
            }
        }
        List<Word> words = new ArrayList<>();
        for (JsonNode node : root.path("words")) {
            double start = time(node, "start");
            double end = time(node, "end");
            String word = node.path("word").asText("").strip();
            if (!word.isEmpty() && silent.stream().noneMatch(span -> start >= span[0] && end <= span[1])) {
                words.add(new Word(word, round(start), round(end)));
            }
        }
        if (segments.isEmpty() && words.isEmpty()) {
            throw new EngineFailedException(EngineFailedException.NO_SPEECH);
        }
        String language = Languages.fromCodeOrName(root.path("language").asText(null)).orElse("und");
        double duration = root.path("duration").isNumber() ? root.path("duration").asDouble() : audioSeconds;
        return new Transcript(language, round(duration), words, segments);
    }

    private static double time(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0) {
            throw new EngineFailedException(UNREADABLE);
        }
        return value.asDouble();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}

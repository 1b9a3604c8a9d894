package com.tikneuron.summary.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import com.tikneuron.paid.UpstreamException;
import com.tikneuron.paid.UpstreamRejectedException;
import com.tikneuron.summary.client.ChatMessage;
import com.tikneuron.summary.client.LlmClient;
import com.tikneuron.summary.client.VideoMetadata;
import com.tikneuron.summary.config.LlmConfig;
import com.tikneuron.summary.config.SummaryConfig;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Summaries written by an OpenAI-compatible model. Long transcripts go through map-reduce: each chunk becomes
 * notes, the notes become the summary. A malformed answer is asked for again once before the request fails.
 */
@ApplicationScoped
public class LlmSummarizer implements SummaryEngine {

    private static final Logger LOG = Logger.getLogger(LlmSummarizer.class);
    // Roughly four characters per token for the languages served; only used to decide when and where to cut.
    static final int CHARS_PER_TOKEN = 4;
    private static final int MAX_REDUCE_ROUNDS = 3;

    private final LlmClient client;
    private final LlmConfig llmConfig;
    private final SummaryConfig config;
    private final PromptLibrary prompts;
    private final AnswerNormalizer normalizer;

    public LlmSummarizer(LlmClient client, LlmConfig llmConfig, SummaryConfig config, PromptLibrary prompts,
            AnswerNormalizer normalizer) {
        this.client = client;
        this.llmConfig = llmConfig;
        this.config = config;
        this.prompts = prompts;
        this.normalizer = normalizer;
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public String model() {
        return client.model();
    }

    @Override
    public String version() {
        return prompts.version();
    }

    @Override
    public Optional<String> refusal(SummaryType type, String language, String transcriptLanguage) {
        return Optional.empty();
    }

    @Override
    public Uni<String> summarize(SummaryJob job) {
        String transcript = job.transcript().text();
        boolean chunked = estimateTokens(transcript) > config.maxInputTokens();
        Uni<String> source = chunked ? condense(job, transcript, 1) : Uni.createFrom().item(transcript);
        return source.chain(text -> finalAnswer(job, text, chunked));
    }

    static int estimateTokens(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /** Map step, repeated on its own notes until they fit in one prompt. */
    private Uni<String> condense(SummaryJob job, String text, int round) {
        List<String> chunks = chunks(text, config.chunkTokens() * CHARS_PER_TOKEN);
        LOG.infof("transcript of video %s is about %d tokens: summarising %d chunks (round %d)", job.videoId(),
                estimateTokens(text), chunks.size(), round);
        return Multi.createFrom().range(0, chunks.size())
                .onItem().transformToUni(index -> notesFor(job, chunks.get(index), index, chunks.size())
                        .map(notes -> Map.entry(index, notes)))
                .merge(config.chunkConcurrency())
                .collect().asList()
                .map(parts -> parts.stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue)
                        .collect(Collectors.joining("\n")))
                .chain(notes -> estimateTokens(notes) > config.maxInputTokens() && round < MAX_REDUCE_ROUNDS
                        ? condense(job, notes, round + 1)
                        : Uni.createFrom().item(notes));
    }

    private Uni<String> notesFor(SummaryJob job, String chunk, int index, int count) {
        Map<String, String> values = new HashMap<>();
        values.put("language_name", Languages.name(job.language()));
        values.put("part", String.valueOf(index + 1));
        values.put("parts", String.valueOf(count));
        values.put("transcript", chunk);
        List<ChatMessage> messages = List.of(ChatMessage.system(prompts.render("chunk", values)),
                ChatMessage.user(prompts.render("chunk-user", values)));
        return ask(messages).map(normalizer::notes).invoke(notes -> {
            if (notes.isBlank()) {
                throw new SummaryFailedException("The language model returned an empty answer");
            }
        });
    }

    // The words of a transcript we made by speech recognition: the model is told so, and told what that means.
    static final String AUTOMATIC_TRANSCRIPT = "Automatic transcript, made by speech recognition (it may contain "
            + "misheard words and has no reliable punctuation or spelling of names: summarise what was evidently meant, "
            + "and do not quote doubtful words as facts)";

    // Text read off the screen of a video without speech (OCR of its frames, or of a photo post's slides).
    static final String ON_SCREEN_TEXT = "No speech was found in this video. Text shown on screen instead, read from its "
            + "frames or photo slides by character recognition, one block or slide per sentence (it may contain misread "
            + "characters): summarise it together with the description, hashtags and music above, and say in the "
            + "summary that the video has no speech and is told in on-screen text";

    private static boolean onScreen(SummaryJob job) {
        return "on_screen_text".equals(job.transcript().source());
    }

    private static boolean generated(SummaryJob job) {
        return "generated".equals(job.transcript().source());
    }

    private Uni<String> finalAnswer(SummaryJob job, String source, boolean fromNotes) {
        Map<String, String> values = contextValues(job.metadata());
        values.put("language_name", Languages.name(job.language()));
        values.put("format", prompts.render(job.type().wireName(), values));
        values.put("transcript_language", job.transcript().language() == null ? "unknown" : job.transcript().language());
        values.put("source_label", fromNotes
                ? "Notes taken on consecutive parts of the transcript (the video is too long to show whole)"
                : generated(job) ? AUTOMATIC_TRANSCRIPT : onScreen(job) ? ON_SCREEN_TEXT : "Transcript");
        values.put("transcript", source);
        List<ChatMessage> messages = List.of(ChatMessage.system(prompts.render("system", values)),
                ChatMessage.user(prompts.render("user", values)));
        return ask(messages).chain(first -> {
            AnswerNormalizer.Result result = checked(job, first);
            if (result.isOk()) {
                return Uni.createFrom().item(result.text());
            }
            LOG.warnf("malformed %s answer for video %s (%s); asking once more", job.type().wireName(), job.videoId(),
                    result.problem());
            List<ChatMessage> again = new ArrayList<>(messages);
            again.add(ChatMessage.assistant(first));
            again.add(ChatMessage.user(prompts.render("retry", Map.of("problem", result.problem()))));
            return ask(again).map(second -> {
                AnswerNormalizer.Result retried = checked(job, second);
                if (!retried.isOk()) {
                    LOG.warnf("malformed answer again for video %s (%s)", job.videoId(), retried.problem());
                    throw new SummaryFailedException("The language model returned a malformed summary");
                }
                return retried.text();
            });
        });
    }

    /** The normalised answer, refused also when it is plainly written in another language than the one asked for. */
    private AnswerNormalizer.Result checked(SummaryJob job, String answer) {
        AnswerNormalizer.Result result = normalizer.normalize(job.type(), answer);
        if (!result.isOk()) {
            return result;
        }
        return LanguageGuess.mismatch(result.text(), job.language()).map(AnswerNormalizer.Result::bad).orElse(result);
    }

    /** One completion, retried with backoff on 429, 5xx and slow answers; a server's Retry-After is honoured. */
    Uni<String> ask(List<ChatMessage> messages) {
        return attempt(messages, 1);
    }

    private Uni<String> attempt(List<ChatMessage> messages, int number) {
        return client.complete(messages)
                .onFailure(UpstreamException.class).recoverWithUni(failure -> {
                    if (number >= llmConfig.maxAttempts()) {
                        LOG.warnf("language model failed %d times: %s", number, failure.getMessage());
                        return Uni.createFrom().failure(new SummaryFailedException("The language model is unavailable, please retry later"));
                    }
                    Duration wait = backoff(number, ((UpstreamException) failure).retryAfter());
                    LOG.infof("language model attempt %d failed (%s); next attempt in %d ms", number, failure.getMessage(),
                            wait.toMillis());
                    return Uni.createFrom().voidItem().onItem().delayIt().by(wait).chain(() -> attempt(messages, number + 1));
                })
                .onFailure(CircuitBreakerOpenException.class)
                .transform(open -> new SummaryFailedException("The language model is unavailable, please retry later"))
                .onFailure(UpstreamRejectedException.class)
                .transform(rejected -> new SummaryFailedException(rejected.getMessage()));
    }

    private Duration backoff(int attempt, Duration retryAfter) {
        Duration exponential = llmConfig.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
        Duration wait = retryAfter != null ? retryAfter : exponential;
        return wait.compareTo(llmConfig.maxBackoff()) > 0 ? llmConfig.maxBackoff() : wait;
    }

    /** Cuts text at sentence ends into pieces of at most {@code maxChars}. */
    static List<String> chunks(String text, int maxChars) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : Sentences.of(text)) {
            if (!current.isEmpty() && current.length() + 1 + sentence.length() > maxChars) {
                chunks.add(current.toString());
                current.setLength(0);
            }
            current.append(current.isEmpty() ? "" : " ").append(sentence);
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    private static Map<String, String> contextValues(VideoMetadata metadata) {
        Map<String, String> values = new HashMap<>();
        VideoMetadata meta = metadata == null
                ? new VideoMetadata(null, null, null, null, null, null, null, null, null, null)
                : metadata;
        values.put("creator", meta.author() == null ? "unknown"
                : "@" + orUnknown(meta.author().uniqueId()) + (meta.author().nickname() == null ? "" : " (" + meta.author().nickname() + ")"));
        values.put("description", orUnknown(meta.description()));
        values.put("hashtags", meta.hashtags() == null || meta.hashtags().isEmpty() ? "none"
                : meta.hashtags().stream().map(tag -> tag.startsWith("#") ? tag : "#" + tag).collect(Collectors.joining(" ")));
        values.put("music", meta.music() == null ? "unknown"
                : orUnknown(meta.music().title()) + " by " + orUnknown(meta.music().author()));
        values.put("engagement", meta.stats() == null ? "unknown"
                : count(meta.stats().plays()) + " plays, " + count(meta.stats().likes()) + " likes, "
                        + count(meta.stats().comments()) + " comments, " + count(meta.stats().shares()) + " shares, "
                        + count(meta.stats().saves()) + " saves");
        return values;
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }

    private static String count(Long value) {
        return value == null ? "unknown" : String.valueOf(value);
    }
}

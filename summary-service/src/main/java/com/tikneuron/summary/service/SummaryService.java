package com.tikneuron.summary.service;

import com.tikneuron.paid.InvalidRequestException;
import com.tikneuron.paid.ServiceUnavailableException;
import com.tikneuron.paid.ProcessingFailedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.paid.PaidCapability;
import com.tikneuron.paid.PaidWork;
import com.tikneuron.paid.billing.Hold;
import com.tikneuron.summary.client.LlmClient;
import com.tikneuron.summary.client.SubtitleClient;
import com.tikneuron.summary.client.SubtitleRejectedException;
import com.tikneuron.summary.client.Transcript;
import com.tikneuron.summary.config.SummaryConfig;
import com.tikneuron.summary.engine.ExtractiveSummarizer;
import com.tikneuron.summary.engine.Languages;
import com.tikneuron.summary.engine.LlmSummarizer;
import com.tikneuron.summary.engine.SummaryEngine;
import com.tikneuron.summary.engine.SummaryFailedException;
import com.tikneuron.summary.engine.SummaryJob;
import com.tikneuron.summary.repository.CacheKey;
import com.tikneuron.summary.repository.StoredSummary;
import com.tikneuron.summary.repository.SummaryRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The summarize use case: resolve the video, fetch its transcript, answer from the cache when the same
 * transcript was summarised the same way before (free), otherwise hold the price, summarise, store and
 * capture. Every failure after the hold voids it, so a failed request never costs anything.
 */
@ApplicationScoped
public class SummaryService {

    private static final Logger LOG = Logger.getLogger(SummaryService.class);
    static final String NO_SUBTITLE = "No subtitle available for this video";
    private static final String CAPABILITY = "summary";

    private final SubtitleClient subtitles;
    private final PaidCapability paid;
    private final SummaryRepository repository;
    private final LlmClient llm;
    private final LlmSummarizer llmEngine;
    private final ExtractiveSummarizer builtinEngine;
    private final SummaryConfig config;
    private final MeterRegistry meters;

    public SummaryService(SubtitleClient subtitles, PaidCapability paid, SummaryRepository repository, LlmClient llm, LlmSummarizer llmEngine, ExtractiveSummarizer builtinEngine,
            SummaryConfig config, MeterRegistry meters) {
        this.subtitles = subtitles;
        this.paid = paid;
        this.repository = repository;
        this.llm = llm;
        this.llmEngine = llmEngine;
        this.builtinEngine = builtinEngine;
        this.config = config;
        this.meters = meters;
    }

    /** The engine in use: the configured language model, else the built-in one. */
    public SummaryEngine engine() {
        return llm.isConfigured() ? llmEngine : builtinEngine;
    }

    public Uni<SummaryOutcome> summarize(SummaryCommand command) {
        SummaryEngine engine = engine();
        return subtitles.resolve(command.url())
                .onFailure().transform(SummaryService::subtitleFailure)
                .chain(video -> transcript(video.videoId(), command, engine)
                        .chain(transcript -> fromCacheOrWork(video.videoId(), transcript, command, engine)))
                .invoke(outcome -> count(engine, outcome.cached() ? "cached" : "charged"))
                .onFailure().invoke(failure -> count(engine, failure.getClass().getSimpleName()));
    }

    /**
     * The spoken-language transcript; for the built-in engine, which can only quote, a track in the requested
     * language when the video has one. Everything here happens before a hold, so refusals cost nothing.
     */
    private Uni<Transcript> transcript(String videoId, SummaryCommand command, SummaryEngine engine) {
        return subtitles.transcript(videoId, null)
                .onFailure().transform(SummaryService::subtitleFailure)
                .chain(original -> {
                    Optional<String> refusal = refusal(engine, command, original);
                    if (refusal.isEmpty()) {
                        return Uni.createFrom().item(original);
                    }
                    if (engine.refusal(command.type(), command.language(), command.language()).isPresent()) {
                        return Uni.createFrom().failure(new ProcessingFailedException(refusal.get(), null));
                    }
                    return subtitles.transcript(videoId, command.language())
                            .onFailure().recoverWithItem(original)
                            .map(other -> {
                                if (refusal(engine, command, other).isPresent()) {
                                    throw new ProcessingFailedException(refusal.get(), null);
                                }
                                return other;
                            });
                })
                .invoke(this::checkUsable);
    }

    private static Optional<String> refusal(SummaryEngine engine, SummaryCommand command, Transcript transcript) {
        return engine.refusal(command.type(), command.language(), Languages.fromTrack(transcript.language()));
    }

    private void checkUsable(Transcript transcript) {
        if (transcript.text() == null || transcript.text().isBlank()) {
            throw new ProcessingFailedException(NO_SUBTITLE, null);
        }
        if (transcript.text().length() > config.maxTranscriptChars()) {
            throw new ProcessingFailedException("The transcript is too long to summarise", null);
        }
    }

    private Uni<SummaryOutcome> fromCacheOrWork(String videoId, Transcript transcript, SummaryCommand command,
            SummaryEngine engine) {
        CacheKey key = new CacheKey(videoId, command.type().wireName(), command.language(), engine.version(),
                sha256(transcript.text()));
        return paid.run(new SummaryWork(key, transcript, command, engine, config.price()), command.caller())
                .map(settled -> new SummaryOutcome(videoId, settled.value().summary(), command.type(), command.language(),
                        settled.cached(), settled.creditsCharged(), settled.creditsRemaining()));
    }

    /** One summary as paid work: keyed by everything that changes the answer, cached in summary.summaries. */
    private final class SummaryWork extends PaidWork<StoredSummary> {

        private final CacheKey key;
        private final Transcript transcript;
        private final SummaryCommand command;
        private final SummaryEngine engine;

        SummaryWork(CacheKey key, Transcript transcript, SummaryCommand command, SummaryEngine engine, int price) {
            super(CAPABILITY, key.videoId(), claimKey(key), price);
            this.key = key;
            this.transcript = transcript;
            this.command = command;
            this.engine = engine;
        }

        @Override
        public Uni<StoredSummary> lookup() {
            return repository.find(key);
        }

        @Override
        public Uni<StoredSummary> work(Hold hold) {
            return subtitles.metadata(key.videoId())
                    // Metadata only adds context to the prompt: a summary without it beats no summary.
                    .onFailure().invoke(failure -> LOG.warnf("metadata of video %s unavailable: %s", key.videoId(), failure.getMessage()))
                    .onFailure().recoverWithNull()
                    .chain(metadata -> engine.summarize(new SummaryJob(key.videoId(), command.type(), command.language(),
                            transcript, metadata)))
                    .ifNoItem().after(config.workTimeout())
                    .failWith(() -> new SummaryFailedException("Summarising took too long, please retry later"))
                    .map(text -> new StoredSummary(key, text, engine.name(), engine.model()));
        }

        @Override
        public Uni<Void> store(StoredSummary summary) {
            return repository.store(summary);
        }

        @Override
        public RuntimeException failure(Throwable failure) {
            if (failure instanceof SummaryFailedException) {
                return new ProcessingFailedException(failure.getMessage());
            }
            LOG.error("summary failed unexpectedly", failure);
            return new ProcessingFailedException("Internal error while summarising");
        }
    }

    /** The claim key of a summary across replicas: the cache key's fields, in order. */
    static String claimKey(CacheKey key) {
        return String.join("|", key.videoId(), key.summaryType(), key.language(), key.promptVersion(), key.transcriptSha256());
    }

    /** Maps subtitle-service's answers onto ours; anything but a definite "no" means it is down. */
    private static Throwable subtitleFailure(Throwable failure) {
        if (failure instanceof ProcessingFailedException || failure instanceof InvalidRequestException) {
            return failure;
        }
        if (failure instanceof SubtitleRejectedException rejected) {
            return switch (rejected.errorCode()) {
                case SubtitleRejectedException.INVALID_URL -> InvalidRequests.invalidUrl();
                case SubtitleRejectedException.NO_SUBTITLE -> new ProcessingFailedException(NO_SUBTITLE, null);
                default -> new ProcessingFailedException(
                        rejected.getMessage() == null ? "This video is not available" : rejected.getMessage(), null);
            };
        }
        LOG.errorf("subtitle-service unavailable: %s", failure.getMessage());
        return new ServiceUnavailableException("The subtitle service is unavailable, please retry later", null);
    }

    private void count(SummaryEngine engine, String result) {
        meters.counter("tikneuron.summaries", "engine", engine.name(), "result", result).increment();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

package com.tikneuron.summary.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.summary.client.BillingClient;
import com.tikneuron.summary.client.Hold;
import com.tikneuron.summary.client.HoldRequest;
import com.tikneuron.summary.client.InsufficientCreditsException;
import com.tikneuron.summary.client.LlmClient;
import com.tikneuron.summary.client.SubtitleClient;
import com.tikneuron.summary.client.SubtitleRejectedException;
import com.tikneuron.summary.client.Transcript;
import com.tikneuron.summary.client.VideoMetadata;
import com.tikneuron.summary.config.SummaryConfig;
import com.tikneuron.summary.engine.ExtractiveSummarizer;
import com.tikneuron.summary.engine.Languages;
import com.tikneuron.summary.engine.LlmSummarizer;
import com.tikneuron.summary.engine.SummaryEngine;
import com.tikneuron.summary.engine.SummaryFailedException;
import com.tikneuron.summary.engine.SummaryJob;
import com.tikneuron.summary.messaging.SettlementProducer;
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
    private final BillingClient billing;
    private final SummaryRepository repository;
    private final SettlementProducer settlements;
    private final LlmClient llm;
    private final LlmSummarizer llmEngine;
    private final ExtractiveSummarizer builtinEngine;
    private final SummaryConfig config;
    private final MeterRegistry meters;
    // Identical uncached requests in flight on this replica: the first one works and pays, the others wait for it.
    private final ConcurrentMap<CacheKey, CompletableFuture<StoredSummary>> inFlight = new ConcurrentHashMap<>();

    public SummaryService(SubtitleClient subtitles, BillingClient billing, SummaryRepository repository,
            SettlementProducer settlements, LlmClient llm, LlmSummarizer llmEngine, ExtractiveSummarizer builtinEngine,
            SummaryConfig config, MeterRegistry meters) {
        this.subtitles = subtitles;
        this.billing = billing;
        this.repository = repository;
        this.settlements = settlements;
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
        return lookup(key).chain(cached -> cached != null
                ? cachedAnswer(command, cached)
                : coalesced(key, transcript, command, engine, true));
    }

    private Uni<SummaryOutcome> coalesced(CacheKey key, Transcript transcript, SummaryCommand command,
            SummaryEngine engine, boolean mayWait) {
        CompletableFuture<StoredSummary> mine = new CompletableFuture<>();
        CompletableFuture<StoredSummary> running = mayWait ? inFlight.putIfAbsent(key, mine) : null;
        if (running != null) {
            return Uni.createFrom().completionStage(running).onItemOrFailure().transformToUni((stored, failure) ->
                    // The leader's failure (its credits, say) need not be ours: then this request tries for itself.
                    failure == null ? cachedAnswer(command, stored) : coalesced(key, transcript, command, engine, false));
        }
        if (!mayWait) {
            return claimedOrAwaited(key, transcript, command, engine);
        }
        return claimedOrAwaited(key, transcript, command, engine)
                .invoke(outcome -> mine.complete(new StoredSummary(key, outcome.summary(), engine.name(), engine.model())))
                .onFailure().invoke(mine::completeExceptionally)
                // A leader whose caller hung up must not leave the others waiting: they then work for themselves.
                .onCancellation().invoke(() -> mine.completeExceptionally(new CancellationException("caller went away")))
                .onTermination().invoke(() -> inFlight.remove(key, mine));
    }

    /**
     * Across replicas: the request that claims the key does the work; one that finds it claimed elsewhere polls
     * the cache until the summary is there, or until the claim is released or its lease runs out, then claims it.
     */
    private Uni<SummaryOutcome> claimedOrAwaited(CacheKey key, Transcript transcript, SummaryCommand command,
            SummaryEngine engine) {
        return lookup(key).chain(cached -> {
            if (cached != null) {
                return cachedAnswer(command, cached);
            }
            return claim(key).chain(claimed -> claimed
                    ? paid(key, transcript, command, engine).eventually(() -> release(key))
                    : Uni.createFrom().voidItem().onItem().delayIt().by(config.claimPoll())
                            .chain(() -> claimedOrAwaited(key, transcript, command, engine)));
        });
    }

    private Uni<Boolean> claim(CacheKey key) {
        // Without the database no cached answer can be served either: working unclaimed is the better fallback.
        return repository.claim(key, config.claimLease())
                .onFailure().invoke(failure -> LOG.errorf("summary claim failed: %s", failure.getMessage()))
                .onFailure().recoverWithItem(true);
    }

    private Uni<Void> release(CacheKey key) {
        return repository.release(key)
                .onFailure().invoke(failure -> LOG.warnf("summary claim not released (its lease will run out): %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<StoredSummary> lookup(CacheKey key) {
        return repository.find(key).onFailure().transform(failure -> {
            LOG.errorf(failure, "summary cache lookup failed");
            return new ServiceUnavailableException("The summary service is temporarily unavailable, please retry later", null);
        });
    }

    private Uni<SummaryOutcome> cachedAnswer(SummaryCommand command, StoredSummary stored) {
        Caller caller = command.caller();
        SummaryOutcome outcome = new SummaryOutcome(stored.key().videoId(), stored.summary(), command.type(),
                command.language(), true, 0, null);
        // The usage record is for the customer's history; losing it must not withhold a free answer.
        return settlements.cachedUse(caller.accountId(), stored.key().videoId(), caller.callId(), caller.correlationId(),
                        caller.mode())
                .onFailure().invoke(failure -> LOG.errorf("usage.cached event not published: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWith(outcome);
    }

    private Uni<SummaryOutcome> paid(CacheKey key, Transcript transcript, SummaryCommand command, SummaryEngine engine) {
        Caller caller = command.caller();
        String holdId = CAPABILITY + ":" + UUID.randomUUID();
        HoldRequest request = new HoldRequest(holdId, caller.accountId(), config.price(), CAPABILITY, key.videoId(),
                caller.callId(), caller.correlationId(), caller.mode());
        return billing.hold(request)
                .onFailure(failure -> !(failure instanceof InsufficientCreditsException)).transform(failure -> {
                    LOG.errorf("hold not made: %s", failure.getMessage());
                    return new ServiceUnavailableException("The billing service is unavailable, please retry later", null);
                })
                // Logged under the request id, so on-call can go from a customer's request to billing's call id.
                .invoke(hold -> LOG.infof("hold %s made for call %s", hold.holdId(), caller.callId()))
                .chain(hold -> work(key, transcript, command, engine)
                        // The caller hung up (a gateway timeout, say): refund now rather than when the hold expires.
                        .onCancellation().call(() -> voidHold(hold, key, caller, new SummaryFailedException("The request was cancelled")))
                        .onFailure().call(failure -> voidHold(hold, key, caller, failure))
                        .onFailure().transform(failure -> asProcessingFailure(failure, hold))
                        .chain(stored -> capture(hold, key, command, stored)));
    }

    private Uni<StoredSummary> work(CacheKey key, Transcript transcript, SummaryCommand command, SummaryEngine engine) {
        return subtitles.metadata(key.videoId())
                // Metadata only adds context to the prompt: a summary without it beats no summary.
                .onFailure().invoke(failure -> LOG.warnf("metadata of video %s unavailable: %s", key.videoId(), failure.getMessage()))
                .onFailure().recoverWithNull()
                .chain(metadata -> engine.summarize(job(key, transcript, command, metadata)))
                .ifNoItem().after(config.workTimeout())
                .failWith(() -> new SummaryFailedException("Summarising took too long, please retry later"))
                .map(text -> new StoredSummary(key, text, engine.name(), engine.model()))
                .call(stored -> repository.store(stored)
                        .onFailure().invoke(failure -> LOG.errorf(failure, "summary of video %s not cached", key.videoId()))
                        .onFailure().recoverWithNull());
    }

    private static SummaryJob job(CacheKey key, Transcript transcript, SummaryCommand command, VideoMetadata metadata) {
        return new SummaryJob(key.videoId(), command.type(), command.language(), transcript, metadata);
    }

    private Uni<SummaryOutcome> capture(Hold hold, CacheKey key, SummaryCommand command, StoredSummary stored) {
        Caller caller = command.caller();
        int charged = "test".equals(hold.mode()) ? 0 : hold.amount();
        return settlements.captured(hold.holdId(), caller.accountId(), hold.amount(), key.videoId(), caller.callId(),
                        caller.correlationId(), caller.mode())
                .replaceWith(charged)
                // A success is always charged: without a durable capture the caller is told it failed, the hold is
                // voided (or expires), and the summary, already cached, is free on the next call.
                .onFailure().invoke(failure -> LOG.errorf("capture of hold %s not published: %s", hold.holdId(), failure.getMessage()))
                .onFailure().call(failure -> voidHold(hold, key, caller, failure))
                .onFailure().transform(failure -> new ServiceUnavailableException(
                        "Billing could not record this request; nothing was charged. Please retry shortly", hold.credits()))
                .map(credits -> new SummaryOutcome(key.videoId(), stored.summary(), command.type(), key.language(), false, credits,
                        hold.credits()));
    }

    private Uni<Void> voidHold(Hold hold, CacheKey key, Caller caller, Throwable failure) {
        return settlements.voided(hold.holdId(), caller.accountId(), hold.amount(), key.videoId(), caller.callId(),
                        caller.correlationId(), caller.mode(), reason(failure))
                // An unpublished void still ends in a refund: billing voids the hold when it expires.
                .onFailure().invoke(error -> LOG.errorf("void of hold %s not published: %s", hold.holdId(), error.getMessage()))
                .onFailure().recoverWithNull();
    }

    private static RuntimeException asProcessingFailure(Throwable failure, Hold hold) {
        return new ProcessingFailedException(reason(failure), hold.credits());
    }

    private static String reason(Throwable failure) {
        if (failure instanceof SummaryFailedException || failure instanceof ProcessingFailedException) {
            return failure.getMessage();
        }
        LOG.error("summary failed unexpectedly", failure);
        return "Internal error while summarising";
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

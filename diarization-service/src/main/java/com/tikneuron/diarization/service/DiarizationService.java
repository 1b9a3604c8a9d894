package com.tikneuron.diarization.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.diarization.audio.AudioDecoder;
import com.tikneuron.diarization.client.BillingClient;
import com.tikneuron.diarization.client.Hold;
import com.tikneuron.diarization.client.HoldRequest;
import com.tikneuron.diarization.client.InsufficientCreditsException;
import com.tikneuron.diarization.client.MediaClient;
import com.tikneuron.diarization.client.MediaRejectedException;
import com.tikneuron.diarization.client.SubtitleClient;
import com.tikneuron.diarization.client.SubtitleRejectedException;
import com.tikneuron.diarization.config.DiarizationConfig;
import com.tikneuron.diarization.engine.Audio;
import com.tikneuron.diarization.engine.DiarizationEngine;
import com.tikneuron.diarization.engine.EngineFailedException;
import com.tikneuron.diarization.engine.Segment;
import com.tikneuron.diarization.messaging.SettlementProducer;
import com.tikneuron.diarization.repository.DiarizationRepository;
import com.tikneuron.diarization.repository.StoredDiarization;
import com.tikneuron.diarization.transcript.TranscriptRenderer;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The diarization use case: resolve the video, answer from the cache when this engine version diarized it
 * before (free), otherwise hold the price, fetch the media, decode it, run the engine on a worker, store the
 * turns and capture. Every failure after the hold voids it, so a failed request never costs anything.
 */
@ApplicationScoped
public class DiarizationService {

    private static final Logger LOG = Logger.getLogger(DiarizationService.class);
    private static final String CAPABILITY = "diarization";

    private final SubtitleClient subtitles;
    private final MediaClient media;
    private final BillingClient billing;
    private final DiarizationRepository repository;
    private final SettlementProducer settlements;
    private final DiarizationWorkers workers;
    private final AudioDecoder decoder;
    private final DiarizationEngine engine;
    private final TranscriptRenderer renderer;
    private final DiarizationConfig config;
    private final MeterRegistry meters;
    private final TranscriptionService transcriptions;
    // Identical uncached requests in flight on this replica: the first one works and pays, the others wait for it.
    private final ConcurrentMap<String, CompletableFuture<StoredDiarization>> inFlight = new ConcurrentHashMap<>();

    public DiarizationService(SubtitleClient subtitles, MediaClient media, BillingClient billing,
            DiarizationRepository repository, SettlementProducer settlements, DiarizationWorkers workers,
            AudioDecoder decoder, DiarizationEngine engine, TranscriptRenderer renderer, DiarizationConfig config,
            MeterRegistry meters, TranscriptionService transcriptions) {
        this.subtitles = subtitles;
        this.media = media;
        this.billing = billing;
        this.repository = repository;
        this.settlements = settlements;
        this.workers = workers;
        this.decoder = decoder;
        this.engine = engine;
        this.renderer = renderer;
        this.config = config;
        this.meters = meters;
        this.transcriptions = transcriptions;
    }

    public Uni<DiarizationOutcome> diarize(DiarizationCommand command) {
        return subtitles.resolve(command.url())
                .onFailure().transform(DiarizationService::subtitleFailure)
                .chain(video -> lookup(video.videoId()).chain(cached -> cached != null
                        ? cachedAnswer(command, cached)
                        : coalesced(video.videoId(), command, true)))
                .invoke(outcome -> count(outcome.cached() ? "cached" : "charged"))
                .onFailure().invoke(failure -> count(failure.getClass().getSimpleName()));
    }

    private Uni<DiarizationOutcome> coalesced(String videoId, DiarizationCommand command, boolean mayWait) {
        CompletableFuture<StoredDiarization> mine = new CompletableFuture<>();
        CompletableFuture<StoredDiarization> running = mayWait ? inFlight.putIfAbsent(videoId, mine) : null;
        if (running != null) {
            return Uni.createFrom().completionStage(running).onItemOrFailure().transformToUni((stored, failure) ->
                    // The leader's failure (its credits, say) need not be ours: then this request tries for itself.
                    failure == null ? cachedAnswer(command, stored) : coalesced(videoId, command, false));
        }
        Uni<DiarizationOutcome> paid = paid(videoId, command, mine);
        if (!mayWait) {
            return paid;
        }
        return paid
                .onFailure().invoke(mine::completeExceptionally)
                // A leader whose caller hung up must not leave the others waiting: they then work for themselves.
                .onCancellation().invoke(() -> mine.completeExceptionally(new CancellationException("caller went away")))
                .onTermination().invoke(() -> inFlight.remove(videoId, mine));
    }

    private Uni<StoredDiarization> lookup(String videoId) {
        return repository.find(videoId, engine.id()).onFailure().transform(failure -> {
            LOG.errorf(failure, "diarization cache lookup failed");
            return new ServiceUnavailableException("The diarization service is temporarily unavailable, please retry later", null);
        });
    }

    private Uni<DiarizationOutcome> cachedAnswer(DiarizationCommand command, StoredDiarization stored) {
        Caller caller = command.caller();
        DiarizationOutcome outcome = new DiarizationOutcome(stored.videoId(),
                renderer.render(stored.segments(), command.format()), command.format(), true, 0, null);
        // The usage record is for the customer's history; losing it must not withhold a free answer.
        return settlements.cachedUse(caller.accountId(), stored.videoId(), caller.callId(), caller.requestId(),
                        caller.mode())
                .onFailure().invoke(failure -> LOG.errorf("usage.cached event not published: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWith(outcome);
    }

    private Uni<DiarizationOutcome> paid(String videoId, DiarizationCommand command,
            CompletableFuture<StoredDiarization> done) {
        Caller caller = command.caller();
        String holdId = CAPABILITY + ":" + UUID.randomUUID();
        HoldRequest request = new HoldRequest(holdId, caller.accountId(), config.price(), CAPABILITY, videoId,
                caller.callId(), caller.requestId(), caller.mode());
        return billing.hold(request)
                .onFailure(failure -> !(failure instanceof InsufficientCreditsException)).transform(failure -> {
                    LOG.errorf("hold not made: %s", failure.getMessage());
                    return new ServiceUnavailableException("The billing service is unavailable, please retry later", null);
                })
                // Logged under the request id, so on-call can go from a customer's request to billing's call id.
                .invoke(hold -> LOG.infof("hold %s made for call %s", hold.holdId(), caller.callId()))
                .chain(hold -> workers.submit(() -> work(videoId, caller.requestId()), hold.credits())
                        .ifNoItem().after(config.jobTimeout()).failWith(() -> new EngineFailedException("Processing took too long"))
                        .call(segments -> store(videoId, segments))
                        // The caller hung up (a gateway timeout, say): refund now rather than when the hold expires.
                        .onCancellation().call(() -> voidHold(hold, videoId, caller, "The request was cancelled"))
                        .onFailure().call(failure -> voidHold(hold, videoId, caller, reason(failure)))
                        .onFailure().transform(failure -> asCustomerFailure(failure, hold))
                        .invoke(segments -> done.complete(new StoredDiarization(videoId, engine.id(), segments)))
                        .chain(segments -> capture(hold, videoId, command, segments)));
    }

    /** Runs on a diarization worker: download, decode, diarize. */
    private List<Segment> work(String videoId, String requestId) {
        Path file = null;
        try {
            file = Files.createTempFile("diarization-media", ".bin");
            media.download(videoId, requestId, file);
            Audio audio = decoder.decode(file);
            long started = System.nanoTime();
            // The words come from the speech service: cached when the video was transcribed before, else recognised once.
            List<Segment> segments = engine.diarize(audio, () -> transcriptions.transcriptOnWorker(videoId, audio));
            LOG.infof("video %s: %.1f s of audio diarized in %.1f s, %d turns", videoId, audio.seconds(),
                    (System.nanoTime() - started) / 1e9, segments.size());
            return segments;
        } catch (IOException e) {
            throw new IllegalStateException("no room for the media file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warnf("media file %s not deleted: %s", file, e.getMessage());
                }
            }
        }
    }

    private Uni<Void> store(String videoId, List<Segment> segments) {
        return repository.store(new StoredDiarization(videoId, engine.id(), segments))
                .onFailure().invoke(failure -> LOG.errorf(failure, "diarization of video %s not cached", videoId))
                .onFailure().recoverWithNull();
    }

    private Uni<DiarizationOutcome> capture(Hold hold, String videoId, DiarizationCommand command, List<Segment> segments) {
        Caller caller = command.caller();
        int charged = "test".equals(hold.mode()) ? 0 : hold.amount();
        String content = renderer.render(segments, command.format());
        return settlements.captured(hold.holdId(), caller.accountId(), hold.amount(), videoId, caller.callId(),
                        caller.requestId(), caller.mode())
                .replaceWith(charged)
                // A success is always charged: without a durable capture the caller is told it failed, the hold is
                // voided (or expires), and the transcript, already cached, is free on the next call.
                .onFailure().invoke(failure -> LOG.errorf("capture of hold %s not published: %s", hold.holdId(), failure.getMessage()))
                .onFailure().call(failure -> voidHold(hold, videoId, caller, "capture_not_recorded"))
                .onFailure().transform(failure -> new ServiceUnavailableException(
                        "Billing could not record this request; nothing was charged. Please retry shortly", hold.credits()))
                .map(credits -> new DiarizationOutcome(videoId, content, command.format(), false, credits, hold.credits()));
    }

    private Uni<Void> voidHold(Hold hold, String videoId, Caller caller, String reason) {
        return settlements.voided(hold.holdId(), caller.accountId(), hold.amount(), videoId, caller.callId(),
                        caller.requestId(), caller.mode(), reason)
                // An unpublished void still ends in a refund: billing voids the hold when it expires.
                .onFailure().invoke(error -> LOG.errorf("void of hold %s not published: %s", hold.holdId(), error.getMessage()))
                .onFailure().recoverWithNull();
    }

    private static RuntimeException asCustomerFailure(Throwable failure, Hold hold) {
        if (failure instanceof ServiceUnavailableException unavailable) {
            return unavailable;
        }
        if (failure instanceof com.tikneuron.diarization.client.UpstreamException) {
            return new ServiceUnavailableException("The subtitle service is unavailable, please retry later", hold.credits());
        }
        return new ProcessingFailedException(reason(failure), hold.credits());
    }

    private static String reason(Throwable failure) {
        if (failure instanceof EngineFailedException || failure instanceof MediaRejectedException
                || failure instanceof ServiceUnavailableException) {
            return failure.getMessage();
        }
        if (failure instanceof com.tikneuron.diarization.client.UpstreamException) {
            return "The video's media could not be fetched";
        }
        LOG.error("diarization failed unexpectedly", failure);
        return "Internal error while diarizing";
    }

    /** Maps subtitle-service's answers onto ours; anything but a definite "no" means it is down. */
    private static Throwable subtitleFailure(Throwable failure) {
        if (failure instanceof SubtitleRejectedException rejected) {
            if (SubtitleRejectedException.INVALID_URL.equals(rejected.errorCode())) {
                return InvalidRequests.invalidUrl();
            }
            return new ProcessingFailedException(
                    rejected.getMessage() == null ? "This video is not available" : rejected.getMessage(), null);
        }
        LOG.errorf("subtitle-service unavailable: %s", failure.getMessage());
        return new ServiceUnavailableException("The subtitle service is unavailable, please retry later", null);
    }

    private void count(String result) {
        meters.counter("tikneuron.diarizations", "engine", engine.id(), "result", result).increment();
    }
}

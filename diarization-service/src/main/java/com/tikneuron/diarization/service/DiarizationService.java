package com.tikneuron.diarization.service;

import com.tikneuron.paid.Caller;
import com.tikneuron.paid.ServiceUnavailableException;
import com.tikneuron.paid.ProcessingFailedException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.diarization.audio.VideoAudio;
import com.tikneuron.paid.PaidCapability;
import com.tikneuron.paid.PaidWork;
import com.tikneuron.paid.UpstreamException;
import com.tikneuron.paid.billing.Hold;
import com.tikneuron.paid.video.VideoResolver;
import com.tikneuron.diarization.client.MediaRejectedException;
import com.tikneuron.diarization.config.DiarizationConfig;
import com.tikneuron.diarization.engine.Audio;
import com.tikneuron.diarization.engine.DiarizationEngine;
import com.tikneuron.diarization.engine.EngineFailedException;
import com.tikneuron.diarization.engine.Segment;
import com.tikneuron.diarization.engine.SpeakerHints;
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

    private final VideoResolver videos;
    private final VideoAudio audio;
    private final PaidCapability paid;
    private final DiarizationRepository repository;
    private final DiarizationWorkers workers;
    private final DiarizationEngine engine;
    private final TranscriptRenderer renderer;
    private final DiarizationConfig config;
    private final MeterRegistry meters;
    private final TranscriptionService transcriptions;

    public DiarizationService(VideoResolver videos, PaidCapability paid, DiarizationRepository repository,
            DiarizationWorkers workers, VideoAudio audio, DiarizationEngine engine, TranscriptRenderer renderer,
            DiarizationConfig config, MeterRegistry meters, TranscriptionService transcriptions) {
        this.videos = videos;
        this.paid = paid;
        this.repository = repository;
        this.workers = workers;
        this.audio = audio;
        this.engine = engine;
        this.renderer = renderer;
        this.config = config;
        this.meters = meters;
        this.transcriptions = transcriptions;
    }

    public Uni<DiarizationOutcome> diarize(DiarizationCommand command) {
        String cacheId = cacheId(engine.id(), command.hints());
        return videos.videoId(command.url())
                .chain(videoId -> price(videoId, command.hints())
                        .chain(price -> paid.run(new DiarizationWork(videoId, cacheId, command.hints(), price,
                                command.caller()), command.caller())))
                .map(settled -> new DiarizationOutcome(settled.value().videoId(),
                        renderer.render(settled.value().segments(), command.format()), command.format(), settled.cached(),
                        settled.creditsCharged(), settled.creditsRemaining()))
                .invoke(outcome -> count(outcome.cached() ? "cached" : "charged"))
                .onFailure().invoke(failure -> count(failure.getClass().getSimpleName()));
    }

    /**
     * The price of a diarization of this video: the contract's price, or lower when the caller asks again with
     * speaker hints, the engine takes its words from the speech service and they are cached, since only the speaker
     * stage then runs. A request without hints always pays the contract's price (when its answer is not cached),
     * whoever had the video's words recognised before. A failed cache lookup charges the full price.
     */
    private Uni<Integer> price(String videoId, SpeakerHints hints) {
        if (hints.none() || !engine.usesTranscript()) {
            return Uni.createFrom().item(config.price());
        }
        return transcriptions.isCached(videoId)
                .map(cached -> cached ? config.speakerStagePrice() : config.price());
    }

    /**
     * What diarizations are cached under: the engine id, followed by the caller's speaker hints when there are any
     * ("…-s4/speakers=3"), so that answers with other hints are separate entries.
     */
    static String cacheId(String engineId, SpeakerHints hints) {
        return engineId + hints.key();
    }

    /** One video's diarization as paid work: keyed by video, engine version and hints, cached in diarization.diarizations. */
    private final class DiarizationWork extends PaidWork<StoredDiarization> {

        private final Caller caller;
        private final String cacheId;
        private final SpeakerHints hints;

        DiarizationWork(String videoId, String cacheId, SpeakerHints hints, int price, Caller caller) {
            super(CAPABILITY, videoId, claimKey(videoId, cacheId), price);
            this.caller = caller;
            this.cacheId = cacheId;
            this.hints = hints;
        }

        @Override
        public Uni<StoredDiarization> lookup() {
            return repository.find(videoId(), cacheId);
        }

        @Override
        public Uni<StoredDiarization> work(Hold hold) {
            return workers.submit(() -> DiarizationService.this.work(videoId(), hints, caller.correlationId()),
                    hold.credits())
                    .ifNoItem().after(config.jobTimeout()).failWith(() -> new EngineFailedException("Processing took too long"))
                    .map(segments -> new StoredDiarization(videoId(), cacheId, segments));
        }

        @Override
        public Uni<Void> store(StoredDiarization diarization) {
            return repository.store(diarization);
        }

        @Override
        public RuntimeException failure(Throwable failure) {
            if (failure instanceof EngineFailedException || failure instanceof MediaRejectedException) {
                return new ProcessingFailedException(failure.getMessage());
            }
            if (failure instanceof UpstreamException) {
                LOG.errorf("media not fetched: %s", failure.getMessage());
                return new ServiceUnavailableException("The subtitle service is unavailable, please retry later");
            }
            LOG.error("diarization failed unexpectedly", failure);
            return new ProcessingFailedException("Internal error while diarizing");
        }
    }

    /** The claim key of a diarization across replicas. */
    static String claimKey(String videoId, String engineId) {
        return videoId + "|" + engineId;
    }

    /** Runs on a diarization worker: download, decode, diarize. */
    private List<Segment> work(String videoId, SpeakerHints hints, String requestId) {
        Audio audio = this.audio.of(videoId, requestId);
        long started = System.nanoTime();
        // The words come from the speech service: cached when the video was transcribed before, else recognised once.
        List<Segment> segments = engine.diarize(audio, () -> transcriptions.transcriptOnWorker(videoId, audio), hints);
        LOG.infof("video %s: %.1f s of audio diarized in %.1f s, %d turns", videoId, audio.seconds(),
                (System.nanoTime() - started) / 1e9, segments.size());
        return segments;
    }

    private void count(String result) {
        meters.counter("tikneuron.diarizations", "engine", engine.id(), "result", result).increment();
    }
}

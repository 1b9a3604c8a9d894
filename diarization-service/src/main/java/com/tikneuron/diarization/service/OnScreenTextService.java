package com.tikneuron.diarization.service;


import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.diarization.client.MediaRejectedException;
import com.tikneuron.diarization.config.OcrConfig;
import com.tikneuron.diarization.ocr.OcrFailedException;
import com.tikneuron.diarization.ocr.OnScreenText;
import com.tikneuron.diarization.ocr.OnScreenTextReader;
import com.tikneuron.diarization.repository.OnScreenTextRepository;
import com.tikneuron.paid.ServiceUnavailableException;
import com.tikneuron.paid.UpstreamException;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * A post's on-screen text, read once per (post, OCR engine) and cached, a post without text included. Identical
 * requests in flight on this replica share one reading, which runs on the diarization workers (the same bounded pool
 * as speech). Money is not this service's business: its callers hold and settle.
 */
@ApplicationScoped
public class OnScreenTextService {

    private static final Logger LOG = Logger.getLogger(OnScreenTextService.class);

    private final OnScreenTextReader reader;
    private final OnScreenTextRepository repository;
    private final DiarizationWorkers workers;
    private final OcrConfig config;
    private final MeterRegistry meters;
    // Readings running on this replica, by post: later requests for the same post wait for the running one.
    private final InFlight<OnScreenText> inFlight;

    public OnScreenTextService(OnScreenTextReader reader, OnScreenTextRepository repository, DiarizationWorkers workers,
            OcrConfig config, MeterRegistry meters) {
        this.reader = reader;
        this.repository = repository;
        this.workers = workers;
        this.config = config;
        this.meters = meters;
        this.inFlight = new InFlight<>("on_screen_text", meters);
    }

    /** The on-screen text of a post: cached, shared with a running request, or read now on a worker. */
    public Uni<OnScreenTextOutcome> read(String videoId, OnScreenTextReader.Request request, String requestId) {
        return Uni.createFrom().deferred(() -> {
                    String engine = reader.engineId();
                    return repository.find(videoId, engine).onFailure().transform(failure -> {
                        LOG.errorf(failure, "on-screen text cache lookup failed");
                        return new ServiceUnavailableException("Reading on-screen text is temporarily unavailable, please retry later", null);
                    }).chain(cached -> cached != null
                            ? Uni.createFrom().item(new OnScreenTextOutcome(videoId, engine, cached, true))
                            : coalesced(videoId, engine, request, requestId));
                })
                .invoke(outcome -> count(outcome.cached() ? "cached" : outcome.text().hasText() ? "text" : "no_text"))
                .onFailure().transform(OnScreenTextService::asFailure)
                .onFailure().invoke(failure -> count(((OnScreenTextFailedException) failure).errorCode()));
    }

    private Uni<OnScreenTextOutcome> coalesced(String videoId, String engine, OnScreenTextReader.Request request,
            String requestId) {
        return inFlight.run(videoId, () -> workers.submit(() -> reader.read(videoId, request, requestId), null)
                        .ifNoItem().after(config.jobTimeout()).failWith(() -> new OcrFailedException("Reading the post's text took too long"))
                        .call(text -> repository.store(videoId, engine, text)
                                .onFailure().invoke(failure -> LOG.errorf(failure, "on-screen text of %s not cached", videoId))
                                .onFailure().recoverWithNull()),
                (text, joined) -> new OnScreenTextOutcome(videoId, engine, text, joined));
    }

    /** The internal API's answer for every way a reading can fail. */
    static Throwable asFailure(Throwable failure) {
        if (failure instanceof OnScreenTextFailedException) {
            return failure;
        }
        if (failure instanceof OcrFailedException || failure instanceof MediaRejectedException) {
            return new OnScreenTextFailedException(422, OnScreenTextFailedException.PROCESSING_FAILED, failure.getMessage());
        }
        if (failure instanceof ServiceUnavailableException) {
            return new OnScreenTextFailedException(503, OnScreenTextFailedException.SERVICE_UNAVAILABLE, failure.getMessage());
        }
        if (failure instanceof UpstreamException) {
            return new OnScreenTextFailedException(503, OnScreenTextFailedException.SERVICE_UNAVAILABLE,
                    "The post's pictures could not be fetched, please retry later");
        }
        LOG.error("on-screen text reading failed unexpectedly", failure);
        return new OnScreenTextFailedException(503, OnScreenTextFailedException.SERVICE_UNAVAILABLE,
                "Internal error while reading on-screen text, please retry later");
    }

    private void count(String result) {
        meters.counter("tikneuron.on.screen.texts", "result", result).increment();
    }
}

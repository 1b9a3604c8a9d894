package com.tikneuron.diarization.service;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.diarization.audio.VideoAudio;
import com.tikneuron.diarization.client.MediaRejectedException;
import com.tikneuron.diarization.config.DiarizationConfig;
import com.tikneuron.diarization.engine.Audio;
import com.tikneuron.diarization.engine.EngineFailedException;
import com.tikneuron.diarization.repository.StoredTranscription;
import com.tikneuron.diarization.repository.TranscriptionRepository;
import com.tikneuron.diarization.speech.LanguageNotSupportedException;
import com.tikneuron.diarization.speech.SpeechEngine;
import com.tikneuron.diarization.speech.SpeechUnavailableException;
import com.tikneuron.diarization.speech.Transcript;
import com.tikneuron.paid.ServiceUnavailableException;
import com.tikneuron.paid.UpstreamException;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The speech service: a video's words with their timings, recognised once per (video, speech engine) and cached.
 * Identical requests in flight on this replica share one recognition, and diarization takes its words from here,
 * so no video is recognised twice. The work (download, decode, recognition) runs on the diarization workers.
 * Money is not this service's business: its callers hold and settle.
 */
@ApplicationScoped
public class TranscriptionService {

    private static final Logger LOG = Logger.getLogger(TranscriptionService.class);
    private static final Duration CACHE_WAIT = Duration.ofSeconds(10);

    private final VideoAudio audio;
    private final SpeechEngine engine;
    private final TranscriptionRepository repository;
    private final DiarizationWorkers workers;
    private final DiarizationConfig config;
    private final MeterRegistry meters;
    private final DistributionSummary realTimeFactor;
    // Recognitions running on this replica, by video: later requests for the same video wait for the running one.
    private final InFlight<Transcript> inFlight;

    public TranscriptionService(VideoAudio audio, SpeechEngine engine, TranscriptionRepository repository,
            DiarizationWorkers workers, DiarizationConfig config, MeterRegistry meters) {
        this.audio = audio;
        this.engine = engine;
        this.repository = repository;
        this.workers = workers;
        this.config = config;
        this.meters = meters;
        this.inFlight = new InFlight<>("transcription", meters);
        this.realTimeFactor = DistributionSummary.builder("tikneuron.transcription.real.time.factor")
                .description("Seconds of recognition per second of audio")
                .tag("engine", engine.id())
                .publishPercentiles(0.5, 0.95)
                .register(meters);
    }

    /** The speech engine in use; its id is the cache key's second half. */
    public String engineId() {
        return engine.id();
    }

    /** Whether this video's words are cached for the speech engine in use; a failed lookup counts as not cached. */
    public Uni<Boolean> isCached(String videoId) {
        return repository.exists(videoId, engine.id())
                .onFailure().invoke(failure -> LOG.warnf("transcription cache lookup failed: %s", failure.getMessage()))
                .onFailure().recoverWithItem(false);
    }

    /** The transcript of a video: cached, shared with a running request, or recognised now on a worker. */
    public Uni<TranscriptionOutcome> transcribe(String videoId, Optional<String> languageHint, String requestId) {
        return Uni.createFrom().deferred(() -> {
                    engine.checkLanguage(languageHint);
                    return lookup(videoId);
                })
                .chain(cached -> cached != null
                        ? Uni.createFrom().item(new TranscriptionOutcome(videoId, engine.id(), cached.transcript(), true))
                        : coalesced(videoId, languageHint, requestId))
                .invoke(outcome -> count(outcome.cached() ? "cached" : "transcribed"))
                .onFailure().transform(TranscriptionService::asFailure)
                .onFailure().invoke(failure -> count(((TranscriptionFailedException) failure).errorCode()));
    }

    /**
     * The transcript of a video if one is cached, else a null item; nothing is recognised. The hint is checked as
     * {@link #transcribe} checks it, so a caller learns before it takes any credits that the engine cannot do it.
     */
    public Uni<TranscriptionOutcome> cached(String videoId, Optional<String> languageHint) {
        return Uni.createFrom().deferred(() -> {
                    engine.checkLanguage(languageHint);
                    return lookup(videoId);
                })
                .map(cached -> cached == null ? null : new TranscriptionOutcome(videoId, engine.id(), cached.transcript(), true))
                .onFailure().transform(TranscriptionService::asFailure);
    }

    private Uni<TranscriptionOutcome> coalesced(String videoId, Optional<String> languageHint, String requestId) {
        return inFlight.run(videoId, () -> workers.submit(() -> recognise(videoId, languageHint, requestId), null)
                        .ifNoItem().after(config.jobTimeout()).failWith(() -> new EngineFailedException("Processing took too long"))
                        .call(transcript -> store(videoId, transcript)),
                (transcript, joined) -> new TranscriptionOutcome(videoId, engine.id(), transcript, joined));
    }

    /**
     * The words of a video whose audio a worker already holds, for diarization: from the cache when the video was
     * transcribed before, otherwise recognised here and cached for every later caller. Blocking; workers only.
     */
    public Transcript transcriptOnWorker(String videoId, Audio audio) {
        StoredTranscription cached = repository.find(videoId, engine.id())
                .onFailure().invoke(failure -> LOG.warnf("transcription cache lookup failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .await().atMost(CACHE_WAIT);
        if (cached != null) {
            count("cached");
            return cached.transcript();
        }
        CompletableFuture<Transcript> mine = new CompletableFuture<>();
        // Another request may be recognising this video, but possibly queued behind this very job: waiting for it
        // here could wait for ever, so this job recognises for itself and shares its result only when it leads.
        boolean leading = inFlight.lead(videoId, mine);
        try {
            Transcript transcript = timed(audio, Optional.empty());
            store(videoId, transcript).await().atMost(CACHE_WAIT);
            count("transcribed");
            mine.complete(transcript);
            return transcript;
        } catch (RuntimeException failure) {
            mine.completeExceptionally(failure);
            count(((TranscriptionFailedException) asFailure(failure)).errorCode());
            if (failure instanceof SpeechUnavailableException) {
                throw new ServiceUnavailableException(failure.getMessage(), null);
            }
            throw failure;
        } finally {
            if (leading) {
                inFlight.release(videoId, mine);
            }
        }
    }

    /** Runs on a diarization worker: download, decode, recognise. */
    private Transcript recognise(String videoId, Optional<String> languageHint, String requestId) {
        return timed(audio.of(videoId, requestId), languageHint);
    }

    private Transcript timed(Audio audio, Optional<String> languageHint) {
        long started = System.nanoTime();
        Transcript transcript = engine.transcribe(audio, languageHint);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (audio.seconds() > 0) {
            realTimeFactor.record(seconds / audio.seconds());
            meters.counter("tikneuron.transcribed.minutes", "engine", engine.id()).increment(audio.seconds() / 60);
        }
        LOG.infof("%.1f s of audio transcribed in %.1f s, %d words, language %s", audio.seconds(), seconds,
                transcript.words().size(), transcript.language());
        return transcript;
    }

    private Uni<StoredTranscription> lookup(String videoId) {
        return repository.find(videoId, engine.id()).onFailure().transform(failure -> {
            LOG.errorf(failure, "transcription cache lookup failed");
            return new ServiceUnavailableException("The speech service is temporarily unavailable, please retry later", null);
        });
    }

    private Uni<Void> store(String videoId, Transcript transcript) {
        return repository.store(new StoredTranscription(videoId, engine.id(), transcript))
                .onFailure().invoke(failure -> LOG.errorf(failure, "transcription of video %s not cached", videoId))
                .onFailure().recoverWithNull();
    }

    /** The internal API's answer for every way a transcription can fail. */
    static Throwable asFailure(Throwable failure) {
        if (failure instanceof TranscriptionFailedException) {
            return failure;
        }
        if (failure instanceof LanguageNotSupportedException) {
            return new TranscriptionFailedException(422, TranscriptionFailedException.LANGUAGE_NOT_SUPPORTED, failure.getMessage());
        }
        if (failure instanceof EngineFailedException && EngineFailedException.NO_SPEECH.equals(failure.getMessage())) {
            return new TranscriptionFailedException(422, TranscriptionFailedException.NO_SPEECH, failure.getMessage());
        }
        if (failure instanceof EngineFailedException || failure instanceof MediaRejectedException) {
            return new TranscriptionFailedException(422, TranscriptionFailedException.PROCESSING_FAILED, failure.getMessage());
        }
        if (failure instanceof SpeechUnavailableException || failure instanceof ServiceUnavailableException) {
            return new TranscriptionFailedException(503, TranscriptionFailedException.SERVICE_UNAVAILABLE, failure.getMessage());
        }
        if (failure instanceof UpstreamException) {
            return new TranscriptionFailedException(503, TranscriptionFailedException.SERVICE_UNAVAILABLE,
                    "The video's media could not be fetched, please retry later");
        }
        LOG.error("transcription failed unexpectedly", failure);
        return new TranscriptionFailedException(503, TranscriptionFailedException.SERVICE_UNAVAILABLE,
                "Internal error while transcribing, please retry later");
    }

    private void count(String result) {
        meters.counter("tikneuron.transcriptions", "engine", engine.id(), "result", result).increment();
    }
}

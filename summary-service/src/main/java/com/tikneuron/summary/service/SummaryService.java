package com.tikneuron.summary.service;

import com.tikneuron.paid.InvalidRequestException;
import com.tikneuron.paid.ServiceUnavailableException;
import com.tikneuron.paid.ProcessingFailedException;
import com.tikneuron.paid.UpstreamRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.tikneuron.paid.PaidCapability;
import com.tikneuron.paid.PaidWork;
import com.tikneuron.paid.billing.Hold;
import com.tikneuron.paid.video.VideoResolver;
import com.tikneuron.summary.client.LlmClient;
import com.tikneuron.summary.client.OnScreenText;
import com.tikneuron.summary.client.OnScreenTextApi;
import com.tikneuron.summary.client.SpeechApi;
import com.tikneuron.summary.client.SubtitleApi;
import com.tikneuron.summary.client.Transcript;
import com.tikneuron.summary.client.Transcription;
import com.tikneuron.summary.client.VideoMetadata;
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
 *
 * <p>With {@code mode} generate (or auto on a video without a TikTok track) the transcript is the speech service's:
 * one made before, for any customer, costs nothing more; one that has to be made is paid with the summary, per
 * started minute of the video's audio on top of the summary's price, in the same hold.
 *
 * <p>In auto, a video without speech, and a photo post (whose sound is music), is summarised from the text it shows on
 * screen (diarization-service's OCR) with its description, hashtags and music: a reading that has to be made is paid
 * like a generated transcript, in the same hold as the summary; one made before costs nothing more.
 */
@ApplicationScoped
public class SummaryService {

    private static final Logger LOG = Logger.getLogger(SummaryService.class);
    static final String NO_SUBTITLE = "No subtitle available for this video";
    private static final String CAPABILITY = "summary";
    static final String NO_SPEECH = "No speech detected in this video";
    /** The prompt label of a transcript made by speech recognition, which the model must not take as exact. */
    static final String GENERATED = "generated";
    /** The prompt label of a transcript read off the screen: the video has no speech. */
    static final String ON_SCREEN_TEXT = "on_screen_text";
    /** Neither speech nor on-screen text: told as "no speech", the answer auto gave before it read the screen. */
    static final String NO_TEXT = NO_SPEECH;

    private final VideoResolver videos;
    private final SubtitleApi subtitles;
    private final SpeechApi speech;
    private final OnScreenTextApi onScreenText;
    private final PaidCapability paid;
    private final SummaryRepository repository;
    private final SummaryEngine engine;
    private final SummaryConfig config;
    private final MeterRegistry meters;

    public SummaryService(VideoResolver videos, @RestClient SubtitleApi subtitles, @RestClient SpeechApi speech,
            @RestClient OnScreenTextApi onScreenText, PaidCapability paid,
            SummaryRepository repository, LlmClient llm, LlmSummarizer llmEngine, ExtractiveSummarizer builtinEngine,
            SummaryConfig config, MeterRegistry meters) {
        this.videos = videos;
        this.subtitles = subtitles;
        this.speech = speech;
        this.onScreenText = onScreenText;
        this.paid = paid;
        this.repository = repository;
        // the model server is configuration, fixed for the life of the process
        this.engine = llm.isConfigured() ? llmEngine : builtinEngine;
        this.config = config;
        this.meters = meters;
    }

    /** The engine in use: the configured language model, else the built-in one. */
    public SummaryEngine engine() {
        return engine;
    }

    public Uni<SummaryOutcome> summarize(SummaryCommand command) {
        return summarize(command, true);
    }

    private Uni<SummaryOutcome> summarize(SummaryCommand command, boolean firstAttempt) {
        SummaryEngine engine = engine();
        return videos.videoId(command.url())
                .chain(videoId -> switch (command.mode()) {
                    case NATIVE -> captioned(videoId, command, engine);
                    case GENERATE -> generated(videoId, command, engine);
                    case AUTO -> firstWithWords(List.of(this::captioned, this::generated, this::onScreen), videoId,
                            command, engine);
                })
                // A transcript made by another request while this one held for making it: the hold is voided, and
                // the request is answered as any request for a transcript that exists.
                .onFailure(TranscriptMadeMeanwhile.class).recoverWithUni(failure -> firstAttempt
                        ? summarize(command, false) : Uni.createFrom().<SummaryOutcome>failure(failure))
                .invoke(outcome -> count(engine, outcome.cached() ? "cached" : "charged"))
                .onFailure().invoke(failure -> count(engine, failure.getClass().getSimpleName()));
    }

    /** Where a summary's transcript may come from, one after another. */
    private interface Source {
        Uni<SummaryOutcome> summarize(String videoId, SummaryCommand command, SummaryEngine engine);
    }

    /** The first source with words for the video; a source without them fails with the no-subtitle answer. */
    private static Uni<SummaryOutcome> firstWithWords(List<Source> sources, String videoId, SummaryCommand command,
            SummaryEngine engine) {
        Uni<SummaryOutcome> answer = sources.get(0).summarize(videoId, command, engine);
        if (sources.size() == 1) {
            return answer;
        }
        return answer.onFailure(SummaryService::noWords)
                .recoverWithUni(() -> firstWithWords(sources.subList(1, sources.size()), videoId, command, engine));
    }

    private static boolean noWords(Throwable failure) {
        return failure instanceof ProcessingFailedException processing
                && (NO_SUBTITLE.equals(processing.reason()) || NO_SPEECH.equals(processing.reason()));
    }

    /** From TikTok's track. */
    private Uni<SummaryOutcome> captioned(String videoId, SummaryCommand command, SummaryEngine engine) {
        return transcript(videoId, command, engine)
                .chain(transcript -> fromCacheOrWork(videoId, transcript, command, engine));
    }

    /**
     * From our speech recognition: a transcript made before is summarised at the summary's price; otherwise the
     * video's duration (TikTok's, known before any hold) prices the transcript, and one hold pays for both.
     */
    private Uni<SummaryOutcome> generated(String videoId, SummaryCommand command, SummaryEngine engine) {
        // Refusals that do not depend on the transcript's language (a structured summary without a model) cost nothing.
        Optional<String> refusal = engine.refusal(command.type(), command.language(), command.language());
        if (refusal.isPresent()) {
            return Uni.createFrom().failure(new ProcessingFailedException(refusal.get(), null));
        }
        return cachedTranscription(videoId)
                .onFailure().transform(SummaryService::speechFailure)
                .chain(cached -> {
                    if (cached.isPresent()) {
                        Transcript transcript = fromSpeech(cached.get());
                        return checked(engine, command, transcript)
                                .chain(usable -> fromCacheOrWork(videoId, usable, command, engine));
                    }
                    return subtitles.metadata(videoId)
                            .onFailure().transform(SummaryService::subtitleFailure)
                            .chain(metadata -> {
                                if (metadata.isPhotoPost() && command.mode() == TranscriptMode.AUTO) {
                                    // A slideshow's sound is music, not speech: auto goes on to its slides, unheld.
                                    return Uni.createFrom().<SummaryOutcome>failure(
                                            new ProcessingFailedException(NO_SPEECH, null));
                                }
                                Integer seconds = metadata.durationSeconds();
                                if (seconds == null || seconds <= 0) {
                                    return Uni.createFrom().<SummaryOutcome>failure(new ProcessingFailedException(
                                            "TikTok does not say how long this video is", null));
                                }
                                int minutes = Math.max(1, (seconds + 59) / 60);
                                int price = config.price() + config.speechCreditsPerMinute() * minutes;
                                return paid.run(new GeneratedSummaryWork(videoId, command, engine, price, minutes),
                                                command.caller())
                                        .map(settled -> new SummaryOutcome(videoId, settled.value().summary(),
                                                command.type(), command.language(), settled.cached(),
                                                settled.creditsCharged(), settled.creditsRemaining()));
                            });
                });
    }

    /**
     * From the text the post shows on screen (auto, after no speech): the page gives the duration and a photo post's
     * slides (sent straight on: their URLs expire); one hold pays the summary and the reading, per started minute of
     * the video (a photo post: one). A reading made before is summarised at the summary's price, or free when that
     * summary was written before.
     */
    private Uni<SummaryOutcome> onScreen(String videoId, SummaryCommand command, SummaryEngine engine) {
        Optional<String> refusal = engine.refusal(command.type(), command.language(), command.language());
        if (refusal.isPresent()) {
            return Uni.createFrom().failure(new ProcessingFailedException(refusal.get(), null));
        }
        return subtitles.metadata(videoId)
                .onFailure().transform(SummaryService::subtitleFailure)
                .chain(metadata -> {
                    boolean photoPost = metadata.isPhotoPost();
                    Integer seconds = metadata.durationSeconds();
                    if (!photoPost && (seconds == null || seconds <= 0)) {
                        return Uni.createFrom().<SummaryOutcome>failure(new ProcessingFailedException(
                                "TikTok does not say how long this video is", null));
                    }
                    int minutes = photoPost ? 1 : Math.max(1, (seconds + 59) / 60);
                    int price = config.price() + config.speechCreditsPerMinute() * minutes;
                    return paid.run(new OnScreenSummaryWork(videoId, command, engine, price, metadata), command.caller())
                            .map(settled -> new SummaryOutcome(videoId, settled.value().summary(), command.type(),
                                    command.language(), settled.cached(), settled.creditsCharged(),
                                    settled.creditsRemaining()));
                })
                // Read before, for anyone: its hold was voided; the summary of it is paid as any summary.
                .onFailure(TextReadMeanwhile.class).recoverWithUni(failure -> {
                    Transcript transcript = fromOnScreen(((TextReadMeanwhile) failure).reading);
                    return checked(engine, command, transcript)
                            .chain(usable -> fromCacheOrWork(videoId, usable, command, engine));
                });
    }

    /** On-screen text as the summarisers read it: each block of text or slide a sentence of its own. */
    static Transcript fromOnScreen(OnScreenText reading) {
        List<Transcript.Cue> cues = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        for (OnScreenText.TextCue cue : reading.cues() == null ? List.<OnScreenText.TextCue>of() : reading.cues()) {
            String text = cue.text() == null ? "" : cue.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            String sentence = text + (".!?".indexOf(text.charAt(text.length() - 1)) >= 0 ? "" : ".");
            sentences.add(sentence);
            cues.add(new Transcript.Cue(cue.start(), cue.end(), sentence));
        }
        return new Transcript(reading.videoId(), reading.language(), ON_SCREEN_TEXT, String.join(" ", sentences), cues);
    }

    /** A generated transcript as the summarisers read it: the engine's segments as sentences. */
    static Transcript fromSpeech(Transcription transcription) {
        List<Transcript.Cue> cues = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        for (Transcription.Segment segment : transcription.segments() == null ? List.<Transcription.Segment>of()
                : transcription.segments()) {
            String text = segment.text() == null ? "" : segment.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            // The built-in engine writes neither capitals nor punctuation; sentence ends let the summarisers cut.
            String sentence = Character.toUpperCase(text.charAt(0)) + text.substring(1)
                    + (".!?".indexOf(text.charAt(text.length() - 1)) >= 0 ? "" : ".");
            sentences.add(sentence);
            cues.add(new Transcript.Cue(segment.start(), segment.end(), sentence));
        }
        return new Transcript(transcription.videoId(), transcription.language(), GENERATED, String.join(" ", sentences),
                cues);
    }

    private Uni<Transcript> checked(SummaryEngine engine, SummaryCommand command, Transcript transcript) {
        return Uni.createFrom().item(() -> {
            refusal(engine, command, transcript).ifPresent(reason -> {
                throw new ProcessingFailedException(reason, null);
            });
            if (transcript.text().isBlank()) {
                throw new ProcessingFailedException(NO_SPEECH, null);
            }
            checkUsable(transcript);
            return transcript;
        });
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

    /**
     * The cache key of a summary of this transcript: a generated transcript is summarised with a note that it may
     * contain recognition errors, so its summaries are kept apart from those of a TikTok track of the same text.
     */
    private static CacheKey cacheKey(String videoId, Transcript transcript, SummaryCommand command, SummaryEngine engine) {
        String version = GENERATED.equals(transcript.source()) || ON_SCREEN_TEXT.equals(transcript.source())
                ? engine.version() + "+" + transcript.source() : engine.version();
        return new CacheKey(videoId, command.type().wireName(), command.language(), version, sha256(transcript.text()));
    }

    private Uni<SummaryOutcome> fromCacheOrWork(String videoId, Transcript transcript, SummaryCommand command,
            SummaryEngine engine) {
        CacheKey key = cacheKey(videoId, transcript, command, engine);
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
            return summarise(key, transcript, command, engine);
        }

        @Override
        public Uni<Void> store(StoredSummary summary) {
            return repository.store(summary);
        }

        @Override
        public RuntimeException failure(Throwable failure) {
            return summaryFailure(failure);
        }
    }

    /**
     * A summary whose transcript has to be made first, paid in one hold: the summary's price plus the transcript's.
     * Keyed by what the request asks, as the transcript's text is not known yet; its result is stored under the key
     * of the transcript made, so later requests find it as any summary.
     */
    private final class GeneratedSummaryWork extends PaidWork<StoredSummary> {

        private final SummaryCommand command;
        private final SummaryEngine engine;
        private final int minutes;

        GeneratedSummaryWork(String videoId, SummaryCommand command, SummaryEngine engine, int price, int minutes) {
            super(CAPABILITY, videoId, String.join("|", videoId, command.type().wireName(), command.language(),
                    engine.version(), GENERATED), price);
            this.command = command;
            this.engine = engine;
            this.minutes = minutes;
        }

        @Override
        public Uni<StoredSummary> lookup() {
            // Made meanwhile by another request: then the summary of it may be cached too.
            return cachedTranscription(videoId()).chain(made -> made.isEmpty() ? Uni.createFrom().<StoredSummary>nullItem()
                    : repository.find(cacheKey(videoId(), fromSpeech(made.get()), command, engine)));
        }

        @Override
        public Uni<StoredSummary> work(Hold hold) {
            return speech.transcribe(videoId(), new SpeechApi.TranscriptionRequest(null))
                    .onFailure().transform(SummaryService::speechFailure)
                    .chain(transcription -> {
                        if (transcription.cached()) {
                            return Uni.createFrom().<StoredSummary>failure(new TranscriptMadeMeanwhile());
                        }
                        countGenerated(transcription.engine(), "made");
                        meters.counter("tikneuron.summary.generated.minutes", "engine", transcription.engine())
                                .increment(minutes);
                        Transcript transcript = fromSpeech(transcription);
                        return checked(engine, command, transcript)
                                .chain(usable -> summarise(cacheKey(videoId(), usable, command, engine), usable, command,
                                        engine));
                    })
                    .onFailure().invoke(failure -> {
                        if (!(failure instanceof TranscriptMadeMeanwhile)) {
                            countGenerated("unknown", failure.getClass().getSimpleName());
                        }
                    });
        }

        @Override
        public Uni<Void> store(StoredSummary summary) {
            return repository.store(summary);
        }

        @Override
        public RuntimeException failure(Throwable failure) {
            return failure instanceof TranscriptMadeMeanwhile meanwhile ? meanwhile : summaryFailure(failure);
        }
    }

    /**
     * A summary of the text a post shows, paid in one hold with the reading. Keyed by what the request asks, as the
     * text is not known yet; its result is stored under the key of the text read.
     */
    private final class OnScreenSummaryWork extends PaidWork<StoredSummary> {

        private final SummaryCommand command;
        private final SummaryEngine engine;
        private final VideoMetadata metadata;

        OnScreenSummaryWork(String videoId, SummaryCommand command, SummaryEngine engine, int price,
                VideoMetadata metadata) {
            super(CAPABILITY, videoId, String.join("|", videoId, command.type().wireName(), command.language(),
                    engine.version(), ON_SCREEN_TEXT), price);
            this.command = command;
            this.engine = engine;
            this.metadata = metadata;
        }

        @Override
        public Uni<StoredSummary> lookup() {
            // The reading service has no look-up without reading; a reading made before is found in work().
            return Uni.createFrom().nullItem();
        }

        @Override
        public Uni<StoredSummary> work(Hold hold) {
            return onScreenText.read(videoId(), command.caller().correlationId(),
                            OnScreenTextApi.ReadRequest.of(metadata.isPhotoPost() ? metadata.images() : null,
                                    metadata.durationSeconds()))
                    .onFailure().transform(SummaryService::onScreenFailure)
                    .chain(reading -> {
                        if (!reading.hasText()) {
                            countOnScreen("no_text");
                            return Uni.createFrom().<StoredSummary>failure(new ProcessingFailedException(NO_TEXT, null));
                        }
                        if (reading.cached()) {
                            return Uni.createFrom().<StoredSummary>failure(new TextReadMeanwhile(reading));
                        }
                        countOnScreen("read");
                        Transcript transcript = fromOnScreen(reading);
                        return checked(engine, command, transcript)
                                .chain(usable -> summarise(cacheKey(videoId(), usable, command, engine), usable, command,
                                        engine));
                    });
        }

        @Override
        public Uni<Void> store(StoredSummary summary) {
            return repository.store(summary);
        }

        @Override
        public RuntimeException failure(Throwable failure) {
            return failure instanceof TextReadMeanwhile meanwhile ? meanwhile : summaryFailure(failure);
        }
    }

    /** The text this request was about to pay for reading had been read before; it carries that reading. */
    private static final class TextReadMeanwhile extends RuntimeException {

        private final transient OnScreenText reading;

        TextReadMeanwhile(OnScreenText reading) {
            super("The on-screen text was read before", null, false, false);
            this.reading = reading;
        }
    }

    /** The reading service's answers: a refusal is "no text", an outage a 503. */
    private static Throwable onScreenFailure(Throwable failure) {
        if (failure instanceof UpstreamRejectedException rejected) {
            LOG.infof("on-screen text refused (%s): %s", rejected.errorCode(), rejected.getMessage());
            return new ProcessingFailedException(NO_TEXT, null);
        }
        LOG.errorf("on-screen text service unavailable: %s", failure.toString());
        return new ServiceUnavailableException("The on-screen text service is unavailable, please retry later", null);
    }

    private void countOnScreen(String result) {
        meters.counter("tikneuron.summary.on_screen_text", "result", result).increment();
    }

    /** The transcript this request was about to pay for was made by another request meanwhile. */
    private static final class TranscriptMadeMeanwhile extends RuntimeException {

        TranscriptMadeMeanwhile() {
            super("The transcript was made by another request", null, false, false);
        }
    }

    private Uni<StoredSummary> summarise(CacheKey key, Transcript transcript, SummaryCommand command,
            SummaryEngine engine) {
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

    private static RuntimeException summaryFailure(Throwable failure) {
        if (failure instanceof SummaryFailedException) {
            return new ProcessingFailedException(failure.getMessage());
        }
        LOG.error("summary failed unexpectedly", failure);
        return new ProcessingFailedException("Internal error while summarising");
    }

    /** The transcript the speech service made before, or empty when the video was never transcribed. */
    private Uni<Optional<Transcription>> cachedTranscription(String videoId) {
        return speech.cached(videoId, null).map(Optional::of)
                .onFailure(failure -> failure instanceof UpstreamRejectedException rejected
                        && SpeechApi.NOT_TRANSCRIBED.equals(rejected.errorCode()))
                .recoverWithItem(Optional.empty());
    }

    /** Maps the speech service's answers onto ours: "no speech" and other refusals are processing failures. */
    private static Throwable speechFailure(Throwable failure) {
        if (failure instanceof UpstreamRejectedException rejected) {
            return new ProcessingFailedException(SpeechApi.NO_SPEECH.equals(rejected.errorCode())
                    ? NO_SPEECH : rejected.getMessage(), null);
        }
        if (failure instanceof ProcessingFailedException || failure instanceof ServiceUnavailableException) {
            return failure;
        }
        LOG.errorf("speech service unavailable: %s", failure.toString());
        return new ServiceUnavailableException("The speech service is unavailable, please retry later", null);
    }

    private void countGenerated(String speechEngine, String result) {
        meters.counter("tikneuron.summary.generated", "engine", speechEngine, "result", result).increment();
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
        if (failure instanceof UpstreamRejectedException rejected) {
            return new ProcessingFailedException(SubtitleApi.NO_SUBTITLE.equals(rejected.errorCode()) ? NO_SUBTITLE
                    : rejected.getMessage(), null);
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

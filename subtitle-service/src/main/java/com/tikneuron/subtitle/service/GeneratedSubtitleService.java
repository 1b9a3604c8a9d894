package com.tikneuron.subtitle.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.paid.MadeMeanwhileException;
import com.tikneuron.paid.PaidCapability;
import com.tikneuron.paid.ProcessingFailedException;
import com.tikneuron.paid.ServiceUnavailableException;
import com.tikneuron.paid.billing.Hold;
import com.tikneuron.subtitle.caption.GeneratedCues;
import com.tikneuron.subtitle.caption.LanguageCodes;
import com.tikneuron.subtitle.caption.SubtitleFormat;
import com.tikneuron.subtitle.caption.SubtitleRenderer;
import com.tikneuron.subtitle.caption.TrackSources;
import com.tikneuron.subtitle.client.SpeechClient;
import com.tikneuron.subtitle.client.SpeechRejectedException;
import com.tikneuron.subtitle.client.Transcription;
import com.tikneuron.subtitle.config.SpeechConfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Subtitles from our own speech recognition (the speech service in diarization-service), as paid work on the shared
 * protocol. A transcript made before, for any customer, is answered free; otherwise the video's page tells its length
 * and so the price, per started minute, which is held before the recognition, captured when it succeeds and voided on
 * every failure. Should the speech service answer with a transcript another request made meanwhile, the hold is
 * voided and the answer is free, as a cached one.
 */
@ApplicationScoped
public class GeneratedSubtitleService {

    private static final Logger LOG = Logger.getLogger(GeneratedSubtitleService.class);
    private static final String UNKNOWN_ENGINE = "unknown";
    static final String UNAVAILABLE = "The speech service is temporarily unavailable; nothing was charged. Please retry shortly.";

    private final SpeechClient speech;
    private final PaidCapability paid;
    private final SpeechConfig config;
    private final ObjectMapper mapper;
    // Calls by engine and result, and the minutes transcribed (charged) by engine.
    private final MeterProvider<Counter> calls;
    private final MeterProvider<Counter> minutesTranscribed;

    public GeneratedSubtitleService(SpeechClient speech, PaidCapability paid, SpeechConfig config, ObjectMapper mapper,
            MeterRegistry meters) {
        this.calls = Counter.builder("tikneuron.subtitle.generated").withRegistry(meters);
        this.minutesTranscribed = Counter.builder("tikneuron.subtitle.generated.minutes").withRegistry(meters);
        this.speech = speech;
        this.paid = paid;
        this.config = config;
        this.mapper = mapper;
    }

    /** The generated subtitles of a video; the request's language is only a hint to the engine. */
    public Uni<SubtitleResult> subtitle(SubtitleRequest request, String videoId, VideoPage page) {
        TranscriptWork work = new TranscriptWork(request, videoId, page);
        return paid.run(work, request.caller())
                .map(settled -> {
                    Transcription transcription = settled.value();
                    count(transcription.engine(), settled.cached() ? "cached" : "charged");
                    if (!settled.cached()) {
                        minutesTranscribed.withTags("engine", transcription.engine()).increment(minutes(work.seconds));
                    }
                    return result(request, transcription, settled.cached(), settled.creditsCharged(),
                            settled.creditsRemaining());
                })
                .onFailure().invoke(failure -> count(UNKNOWN_ENGINE, result(failure)));
    }

    /** Credits for transcribing this many seconds of audio: per started minute, at least one minute. */
    public int price(int seconds) {
        return config.creditsPerMinute() * minutes(seconds);
    }

    private static int minutes(int seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }

    /**
     * One video's transcript as paid work, keyed by (video, language hint). Its cache is the speech service's; the
     * price comes from the page, before the hold.
     */
    private final class TranscriptWork extends KeptElsewhereWork<Transcription> {

        private final String hint;
        private final VideoPage page;
        private final boolean auto;
        private int seconds;

        TranscriptWork(SubtitleRequest request, String videoId, VideoPage page) {
            super(videoId, "generated|" + videoId + "|"
                    + nullToEmpty(LanguageCodes.speechHint(request.language())), config.creditsPerMinute());
            this.hint = LanguageCodes.speechHint(request.language());
            this.page = page;
            this.auto = request.transcriptMode() == TranscriptMode.AUTO;
        }

        @Override
        public Uni<Transcription> lookup() {
            // Asked before any hold: a language the engine cannot do is refused for free.
            return speech.cached(videoId(), hint).onFailure().transform(GeneratedSubtitleService::customerFailure)
                    .map(cached -> cached.orElse(null));
        }

        @Override
        public Uni<Integer> quote() {
            return page.item().map(item -> {
                if (item.photoPost() && auto) {
                    // A slideshow's sound is music, not the creator's voice: auto goes on to its slides' text, unheld.
                    throw new NoSubtitleException();
                }
                Integer length = item.durationSeconds();
                if (length == null || length <= 0) {
                    throw new ProcessingFailedException("TikTok does not say how long this video is");
                }
                seconds = length;
                return GeneratedSubtitleService.this.price(length);
            });
        }

        @Override
        public Uni<Transcription> work(Hold hold) {
            return speech.transcribe(videoId(), hint)
                    .onFailure().transform(GeneratedSubtitleService::customerFailure)
                    .map(transcription -> {
                        if (transcription.cached()) {
                            throw new MadeMeanwhileException(transcription);
                        }
                        return transcription;
                    });
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private SubtitleResult result(SubtitleRequest request, Transcription transcription, boolean cached, int charged,
            Integer remaining) {
        // The languages TikTok offers are not looked up for a generated answer, which uses none of them.
        return new SubtitleResult(transcription.videoId(), render(transcription, request.format()),
                request.format().wireName(), cached, transcription.language(), TrackSources.GENERATED, List.of(), charged,
                remaining);
    }

    /** raw is our word-timed JSON (docs/SUBTITLES.md); the other formats are cues cut from the words. */
    String render(Transcription transcription, SubtitleFormat format) {
        return SubtitleRenderer.render(mapper, format, () -> raw(transcription), () -> GeneratedCues.of(transcription));
    }

    private static Map<String, Object> raw(Transcription transcription) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("video_id", transcription.videoId());
        raw.put("source", TrackSources.GENERATED);
        raw.put("engine", transcription.engine());
        raw.put("language", transcription.language());
        raw.put("duration", transcription.duration());
        raw.put("text", transcription.text());
        raw.put("words", transcription.words() == null ? List.of() : transcription.words());
        raw.put("segments", transcription.segments() == null ? List.of() : transcription.segments());
        return raw;
    }

    /** The speech service's answers as the public API tells them. */
    private static Throwable customerFailure(Throwable failure) {
        if (failure instanceof SpeechRejectedException rejected) {
            if (SpeechRejectedException.NO_SPEECH.equals(rejected.errorCode())) {
                return new NoSubtitleException();
            }
            return new ProcessingFailedException(rejected.getMessage());
        }
        LOG.warnf("speech service unavailable: %s", failure.toString());
        return new ServiceUnavailableException(UNAVAILABLE);
    }

    private static String result(Throwable failure) {
        if (failure instanceof NoSubtitleException) {
            return "no_speech";
        }
        if (failure instanceof ProcessingFailedException) {
            return "processing_failed";
        }
        if (failure instanceof ServiceUnavailableException) {
            return "service_unavailable";
        }
        return failure.getClass().getSimpleName();
    }

    private void count(String engine, String result) {
        calls.withTags("engine", engine, "result", result).increment();
    }
}

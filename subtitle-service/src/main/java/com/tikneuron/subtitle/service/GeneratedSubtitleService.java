package com.tikneuron.subtitle.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.subtitle.caption.Cue;
import com.tikneuron.subtitle.caption.GeneratedCues;
import com.tikneuron.subtitle.caption.LanguageCodes;
import com.tikneuron.subtitle.caption.SubtitleFormat;
import com.tikneuron.subtitle.caption.SubtitleRenderer;
import com.tikneuron.subtitle.caption.TrackSources;
import com.tikneuron.subtitle.client.BillingClient;
import com.tikneuron.subtitle.client.BillingUnavailableException;
import com.tikneuron.subtitle.client.HoldRequest;
import com.tikneuron.subtitle.client.SpeechClient;
import com.tikneuron.subtitle.client.SpeechRejectedException;
import com.tikneuron.subtitle.client.Transcription;
import com.tikneuron.subtitle.config.SpeechConfig;
import com.tikneuron.subtitle.messaging.SettlementProducer;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Subtitles from our own speech recognition (the speech service in diarization-service). A transcript made before,
 * for any customer, is answered free; otherwise the price, per started minute of the video's audio, is held before
 * the recognition, captured when it succeeds and voided on every failure. Should the speech service answer with a
 * transcript another request made meanwhile, the hold is voided and the answer is free, as a cached one.
 */
@ApplicationScoped
public class GeneratedSubtitleService {

    private static final Logger LOG = Logger.getLogger(GeneratedSubtitleService.class);
    private static final String CAPABILITY = "subtitle";
    private static final String UNKNOWN_ENGINE = "unknown";

    private final SpeechClient speech;
    private final VideoService videos;
    private final BillingClient billing;
    private final SettlementProducer settlements;
    private final SpeechConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;

    public GeneratedSubtitleService(SpeechClient speech, VideoService videos, BillingClient billing,
            SettlementProducer settlements, SpeechConfig config, ObjectMapper mapper, MeterRegistry meters) {
        this.speech = speech;
        this.videos = videos;
        this.billing = billing;
        this.settlements = settlements;
        this.config = config;
        this.mapper = mapper;
        this.meters = meters;
    }

    /** The generated subtitles of a video; the request's language is only a hint to the engine. */
    public Uni<SubtitleResult> subtitle(SubtitleRequest request, String videoId) {
        String hint = LanguageCodes.speechHint(request.language());
        // Asked before any hold: a language the engine cannot do is refused for free.
        return speech.cached(videoId, hint)
                .onFailure().transform(GeneratedSubtitleService::customerFailure)
                .chain(cached -> cached.isPresent() ? free(request, cached.get()) : paid(request, videoId, hint))
                .onFailure().invoke(failure -> count(UNKNOWN_ENGINE, result(failure)));
    }

    /** Credits for transcribing this many seconds of audio: per started minute, at least one minute. */
    public int price(int seconds) {
        return config.creditsPerMinute() * minutes(seconds);
    }

    private static int minutes(int seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }

    private Uni<SubtitleResult> paid(SubtitleRequest request, String videoId, String hint) {
        return videos.metadata(videoId).chain(item -> {
            if (item.photoPost() && request.transcriptMode() == TranscriptMode.AUTO) {
                // A slideshow's sound is music, not the creator's voice: auto goes on to its slides' text, unheld.
                return Uni.createFrom().<SubtitleResult>failure(new NoSubtitleException());
            }
            Integer seconds = item.durationSeconds();
            if (seconds == null || seconds <= 0) {
                return Uni.createFrom().<SubtitleResult>failure(
                        GenerationFailedException.processingFailed("TikTok does not say how long this video is"));
            }
            int price = price(seconds);
            String holdId = CAPABILITY + ":" + UUID.randomUUID();
            return billing.hold(new HoldRequest(holdId, request.accountId(), price, CAPABILITY, videoId, request.callId(),
                            request.correlationId(), request.mode()))
                    .chain(hold -> speech.transcribe(videoId, hint)
                            .onFailure().transform(GeneratedSubtitleService::customerFailure)
                            .onCancellation().call(() -> voided(request, videoId, holdId, price, "cancelled"))
                            .onItemOrFailure().transformToUni((transcription, failure) -> {
                                if (failure != null) {
                                    return voided(request, videoId, holdId, price, reason(failure))
                                            .chain(() -> Uni.createFrom().<SubtitleResult>failure(failure));
                                }
                                if (transcription.cached()) {
                                    return voided(request, videoId, holdId, price, "answered_from_cache")
                                            .chain(() -> free(request, transcription));
                                }
                                return settlements.captured(holdId, request.accountId(), price, videoId, request.callId(),
                                                request.correlationId(), request.mode())
                                        .onFailure().call(() -> voided(request, videoId, holdId, price, "capture_not_recorded"))
                                        .onFailure().transform(e -> new BillingUnavailableException("the capture was not recorded", e))
                                        .replaceWith(() -> {
                                            count(transcription.engine(), "charged");
                                            meters.counter("tikneuron.subtitle.generated.minutes", "engine",
                                                    transcription.engine()).increment(minutes(seconds));
                                            return result(request, transcription, false, request.test() ? 0 : price,
                                                    hold.credits());
                                        });
                            }));
        });
    }

    private Uni<SubtitleResult> free(SubtitleRequest request, Transcription transcription) {
        count(transcription.engine(), "cached");
        return settlements.cached(request.accountId(), transcription.videoId(), request.callId(), request.correlationId(),
                        request.mode())
                .replaceWith(() -> result(request, transcription, true, 0, null));
    }

    private Uni<Void> voided(SubtitleRequest request, String videoId, String holdId, int price, String reason) {
        return settlements.voided(holdId, request.accountId(), price, videoId, request.callId(), request.correlationId(),
                request.mode(), reason);
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
        if (format == SubtitleFormat.RAW) {
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("video_id", transcription.videoId());
            raw.put("source", TrackSources.GENERATED);
            raw.put("engine", transcription.engine());
            raw.put("language", transcription.language());
            raw.put("duration", transcription.duration());
            raw.put("text", transcription.text());
            raw.put("words", transcription.words() == null ? List.of() : transcription.words());
            raw.put("segments", transcription.segments() == null ? List.of() : transcription.segments());
            try {
                return mapper.writeValueAsString(raw);
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException("a transcript could not be written as JSON", impossible);
            }
        }
        List<Cue> cues = GeneratedCues.of(transcription);
        return switch (format) {
            case SRT -> SubtitleRenderer.srt(cues);
            case VTT -> SubtitleRenderer.vtt(cues);
            default -> SubtitleRenderer.text(cues);
        };
    }

    /** The speech service's answers as the public API tells them. */
    private static Throwable customerFailure(Throwable failure) {
        if (failure instanceof SpeechRejectedException rejected) {
            if (SpeechRejectedException.NO_SPEECH.equals(rejected.errorCode())) {
                return new NoSubtitleException();
            }
            return GenerationFailedException.processingFailed(rejected.getMessage());
        }
        if (failure instanceof NoSubtitleException || failure instanceof GenerationFailedException) {
            return failure;
        }
        LOG.warnf("speech service unavailable: %s", failure.toString());
        return GenerationFailedException.unavailable();
    }

    private static String reason(Throwable failure) {
        if (failure instanceof NoSubtitleException) {
            return "no_subtitle_available";
        }
        if (failure instanceof GenerationFailedException generation) {
            return generation.errorCode();
        }
        return "processing_failed";
    }

    private static String result(Throwable failure) {
        if (failure instanceof NoSubtitleException) {
            return "no_speech";
        }
        if (failure instanceof GenerationFailedException generation) {
            return generation.errorCode();
        }
        return failure.getClass().getSimpleName();
    }

    private void count(String engine, String result) {
        meters.counter("tikneuron.subtitle.generated", "engine", engine, "result", result).increment();
    }
}

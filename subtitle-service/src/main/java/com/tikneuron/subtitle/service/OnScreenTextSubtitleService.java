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
import com.tikneuron.subtitle.caption.SubtitleFormat;
import com.tikneuron.subtitle.caption.SubtitleRenderer;
import com.tikneuron.subtitle.caption.TrackSources;
import com.tikneuron.subtitle.client.BillingClient;
import com.tikneuron.subtitle.client.BillingUnavailableException;
import com.tikneuron.subtitle.client.HoldRequest;
import com.tikneuron.subtitle.client.OnScreenText;
import com.tikneuron.subtitle.client.OnScreenTextClient;
import com.tikneuron.subtitle.client.SpeechRejectedException;
import com.tikneuron.subtitle.messaging.SettlementProducer;
import com.tikneuron.subtitle.tiktok.VideoItem;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Subtitles from the text a post shows on screen (diarization-service's OCR), the last source of {@code mode: auto}
 * after TikTok's tracks and our speech recognition found no words. Priced as a generated transcript: the price per
 * started minute (a photo post: one minute) is held before the reading, captured when the post has text, and voided
 * on every failure and when it has none. A reading made before, for any customer, is answered free (the hold is
 * voided). The slides of a photo post are sent straight from the page just fetched: their URLs are signed and expire.
 */
@ApplicationScoped
public class OnScreenTextSubtitleService {

    private static final Logger LOG = Logger.getLogger(OnScreenTextSubtitleService.class);
    private static final String CAPABILITY = "subtitle";

    private final OnScreenTextClient onScreenText;
    private final VideoService videos;
    private final BillingClient billing;
    private final SettlementProducer settlements;
    private final GeneratedSubtitleService generated;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;

    public OnScreenTextSubtitleService(OnScreenTextClient onScreenText, VideoService videos, BillingClient billing,
            SettlementProducer settlements, GeneratedSubtitleService generated, ObjectMapper mapper, MeterRegistry meters) {
        this.onScreenText = onScreenText;
        this.videos = videos;
        this.billing = billing;
        this.settlements = settlements;
        this.generated = generated;
        this.mapper = mapper;
        this.meters = meters;
    }

    public Uni<SubtitleResult> subtitle(SubtitleRequest request, String videoId) {
        return videos.metadata(videoId).chain(item -> {
            Integer seconds = item.durationSeconds();
            boolean photoPost = item.photoPost() && !item.images().isEmpty();
            if (!photoPost && (seconds == null || seconds <= 0)) {
                return Uni.createFrom().<SubtitleResult>failure(
                        GenerationFailedException.processingFailed("TikTok does not say how long this video is"));
            }
            int price = generated.price(photoPost ? 60 : seconds);
            String holdId = CAPABILITY + ":" + UUID.randomUUID();
            return billing.hold(new HoldRequest(holdId, request.accountId(), price, CAPABILITY, videoId, request.callId(),
                            request.correlationId(), request.mode()))
                    .chain(hold -> read(request, videoId, item, photoPost)
                            .onCancellation().call(() -> voided(request, videoId, holdId, price, "cancelled"))
                            .onItemOrFailure().transformToUni((text, failure) -> {
                                if (failure == null && !text.hasText()) {
                                    count("no_text");
                                    failure = new NoSubtitleException();
                                }
                                if (failure != null) {
                                    Throwable answer = failure;
                                    return voided(request, videoId, holdId, price, reason(answer))
                                            .chain(() -> Uni.createFrom().<SubtitleResult>failure(answer));
                                }
                                if (text.cached()) {
                                    return voided(request, videoId, holdId, price, "answered_from_cache")
                                            .chain(() -> free(request, text));
                                }
                                return settlements.captured(holdId, request.accountId(), price, videoId, request.callId(),
                                                request.correlationId(), request.mode())
                                        .onFailure().call(() -> voided(request, videoId, holdId, price, "capture_not_recorded"))
                                        .onFailure().transform(e -> new BillingUnavailableException("the capture was not recorded", e))
                                        .replaceWith(() -> {
                                            count("charged");
                                            return result(request, text, false, request.test() ? 0 : price, hold.credits());
                                        });
                            }));
        });
    }

    private Uni<OnScreenText> read(SubtitleRequest request, String videoId, VideoItem item, boolean photoPost) {
        // No language hint: the request's language picks among TikTok's tracks, and a wrong hint would read the text
        // with the wrong pack for every later caller of the cached reading; the service tells the language itself.
        Uni<OnScreenText> reading = photoPost
                ? onScreenText.read(videoId, request.correlationId(), item.images(),
                        item.durationSeconds() == null ? null : item.durationSeconds().doubleValue(), null)
                : onScreenText.read(videoId, request.correlationId(), null, null, null);
        return reading.onFailure().transform(OnScreenTextSubtitleService::customerFailure);
    }

    private Uni<SubtitleResult> free(SubtitleRequest request, OnScreenText text) {
        count("cached");
        return settlements.cached(request.accountId(), text.videoId(), request.callId(), request.correlationId(),
                        request.mode())
                .replaceWith(() -> result(request, text, true, 0, null));
    }

    private Uni<Void> voided(SubtitleRequest request, String videoId, String holdId, int price, String reason) {
        return settlements.voided(holdId, request.accountId(), price, videoId, request.callId(), request.correlationId(),
                request.mode(), reason);
    }

    private SubtitleResult result(SubtitleRequest request, OnScreenText text, boolean cached, int charged,
            Integer remaining) {
        return new SubtitleResult(text.videoId(), render(text, request.format()), request.format().wireName(), cached,
                text.language(), TrackSources.ON_SCREEN_TEXT, List.of(), charged, remaining);
    }

    /** raw is the reading as JSON (docs/SUBTITLES.md); the other formats have one cue per text block or slide. */
    String render(OnScreenText text, SubtitleFormat format) {
        if (format == SubtitleFormat.RAW) {
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("video_id", text.videoId());
            raw.put("source", TrackSources.ON_SCREEN_TEXT);
            raw.put("engine", text.engine());
            raw.put("kind", text.kind());
            raw.put("language", text.language());
            raw.put("languages", text.languages() == null ? List.of() : text.languages());
            raw.put("duration", text.duration());
            raw.put("text", text.text());
            raw.put("cues", text.cues() == null ? List.of() : text.cues());
            try {
                return mapper.writeValueAsString(raw);
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException("an on-screen text could not be written as JSON", impossible);
            }
        }
        List<Cue> cues = text.cues() == null ? List.of()
                : text.cues().stream().map(c -> new Cue(c.start(), c.end(), c.text())).toList();
        return switch (format) {
            case SRT -> SubtitleRenderer.srt(cues);
            case VTT -> SubtitleRenderer.vtt(cues);
            default -> SubtitleRenderer.text(cues);
        };
    }

    /** diarization-service's answers as the public API tells them: 422 is "no text", an outage a 503. */
    private static Throwable customerFailure(Throwable failure) {
        if (failure instanceof SpeechRejectedException rejected) {
            LOG.infof("on-screen text refused (%s): %s", rejected.errorCode(), rejected.getMessage());
            return rejected.status() == 400 ? GenerationFailedException.processingFailed(rejected.getMessage())
                    : new NoSubtitleException();
        }
        LOG.warnf("on-screen text service unavailable: %s", failure.toString());
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

    private void count(String result) {
        meters.counter("tikneuron.subtitle.on_screen_text", "result", result).increment();
    }
}

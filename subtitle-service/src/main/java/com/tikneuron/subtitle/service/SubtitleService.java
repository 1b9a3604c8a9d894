package com.tikneuron.subtitle.service;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.subtitle.caption.CaptionSelector;
import com.tikneuron.subtitle.caption.TrackSources;
import com.tikneuron.subtitle.client.BillingClient;
import com.tikneuron.subtitle.client.BillingUnavailableException;
import com.tikneuron.subtitle.client.Hold;
import com.tikneuron.subtitle.client.HoldRequest;
import com.tikneuron.subtitle.client.InsufficientCreditsException;
import com.tikneuron.subtitle.messaging.SettlementProducer;
import com.tikneuron.subtitle.tiktok.InvalidUrlException;
import com.tikneuron.subtitle.tiktok.VideoUnavailableException;

import io.smallrye.mutiny.Uni;

/**
 * The paid subtitle use case (ARCHITECTURE §3): a cache hit is free and recorded as such; a miss holds one credit
 * before any TikTok work, captures it on success and voids it on "no captions" or any failure. Generated subtitles
 * ({@code mode} generate, or auto on a video without a track) are {@link GeneratedSubtitleService}'s; in auto, a
 * video with neither a track nor speech is read from its on-screen text ({@link OnScreenTextSubtitleService}).
 */
@ApplicationScoped
public class SubtitleService {

    static final int PRICE = 1;

    private final VideoResolver resolver;
    private final CaptionService captions;
    private final BillingClient billing;
    private final SettlementProducer settlements;
    private final RenderedSubtitles rendered;
    private final GeneratedSubtitleService generated;
    private final OnScreenTextSubtitleService onScreenText;

    public SubtitleService(VideoResolver resolver, CaptionService captions, BillingClient billing,
            SettlementProducer settlements, RenderedSubtitles rendered, GeneratedSubtitleService generated,
            OnScreenTextSubtitleService onScreenText) {
        this.resolver = resolver;
        this.captions = captions;
        this.billing = billing;
        this.settlements = settlements;
        this.rendered = rendered;
        this.generated = generated;
        this.onScreenText = onScreenText;
    }

    /** Where the words of a subtitle may come from, one after another. */
    private interface Source {
        Uni<SubtitleResult> subtitle(SubtitleRequest request, String videoId);
    }

    public Uni<SubtitleResult> subtitle(SubtitleRequest request) {
        return resolver.videoId(request.url()).onItem().transformToUni(videoId -> switch (request.transcriptMode()) {
            case NATIVE -> captioned(request, videoId);
            case GENERATE -> generated.subtitle(request, videoId);
            case AUTO -> firstWithWords(List.of(this::captioned, generated::subtitle, onScreenText::subtitle), request,
                    videoId);
        });
    }

    /**
     * The first source that has words for the video: a source without them answers {@link NoSubtitleException}
     * (its hold, if any, voided) and the next is asked; the last one's answer is the request's.
     */
    private static Uni<SubtitleResult> firstWithWords(List<Source> sources, SubtitleRequest request, String videoId) {
        Uni<SubtitleResult> answer = sources.get(0).subtitle(request, videoId);
        if (sources.size() == 1) {
            return answer;
        }
        return answer.onFailure(NoSubtitleException.class)
                .recoverWithUni(() -> firstWithWords(sources.subList(1, sources.size()), request, videoId));
    }

    /** TikTok's own track. */
    private Uni<SubtitleResult> captioned(SubtitleRequest request, String videoId) {
        return captions.lookup(videoId, request.language())
                .onItem().transformToUni(cached -> switch (cached) {
                    case Captions.Track track -> free(request, track);
                    case Captions.None none -> Uni.createFrom().<SubtitleResult>failure(new NoSubtitleException());
                    case Captions.Unknown unknown -> paid(request, videoId, true);
                });
    }

    private Uni<SubtitleResult> paid(SubtitleRequest request, String videoId, boolean mayRetry) {
        String holdId = "subtitle:" + UUID.randomUUID();
        AtomicBoolean holdAttempted = new AtomicBoolean();
        AtomicReference<Hold> hold = new AtomicReference<>();
        return captions.obtain(videoId, request.language(), () -> {
            holdAttempted.set(true);
            return billing.hold(new HoldRequest(holdId, request.accountId(), PRICE, "subtitle", videoId, request.callId(),
                            request.correlationId(), request.mode()))
                    .onFailure(e -> !(e instanceof InsufficientCreditsException || e instanceof BillingUnavailableException))
                    .transform(e -> new BillingUnavailableException("billing could not be reached", e))
                    .invoke(hold::set)
                    .replaceWithVoid();
        }).onItemOrFailure().transformToUni((obtained, failure) -> {
            if (failure != null) {
                return settleFailure(request, videoId, mayRetry, holdId, holdAttempted.get(), hold.get(), failure);
            }
            Hold held = hold.get();
            if (held == null) {
                // Another request fetched it (and paid): for this caller it is a cached answer.
                return obtained.captions() instanceof Captions.Track track ? free(request, track)
                        : Uni.createFrom().<SubtitleResult>failure(new NoSubtitleException());
            }
            if (obtained.captions() instanceof Captions.Track track) {
                // A success is always charged: without a durable capture the caller is told it failed and the hold
                // is voided (or expires); the track is stored, so the next call answers it free.
                return settlements.captured(holdId, request.accountId(), PRICE, videoId, request.callId(),
                                request.correlationId(), request.mode())
                        .onFailure().call(() -> settlements.voided(holdId, request.accountId(), PRICE, videoId,
                                request.callId(), request.correlationId(), request.mode(), "capture_not_recorded"))
                        .onFailure().transform(e -> new BillingUnavailableException("the capture was not recorded", e))
                        .replaceWith(() -> result(request, track, false, request.test() ? 0 : PRICE, held.credits()));
            }
            return settlements.voided(holdId, request.accountId(), PRICE, videoId, request.callId(), request.correlationId(),
                            request.mode(), "no_subtitle_available")
                    .chain(() -> Uni.createFrom().<SubtitleResult>failure(new NoSubtitleException()));
        });
    }

    private Uni<SubtitleResult> settleFailure(SubtitleRequest request, String videoId, boolean mayRetry, String holdId,
            boolean holdAttempted, Hold hold, Throwable failure) {
        if (hold != null) {
            return settlements.voided(holdId, request.accountId(), PRICE, videoId, request.callId(), request.correlationId(),
                            request.mode(), reason(failure))
                    .chain(() -> Uni.createFrom().<SubtitleResult>failure(failure));
        }
        boolean leaderCouldNotPay = !holdAttempted
                && (failure instanceof InsufficientCreditsException || failure instanceof BillingUnavailableException);
        if (leaderCouldNotPay && mayRetry) {
            // The request we waited for failed on its own account's billing; that says nothing about ours.
            return paid(request, videoId, false);
        }
        return Uni.createFrom().failure(failure);
    }

    private Uni<SubtitleResult> free(SubtitleRequest request, Captions.Track track) {
        return settlements.cached(request.accountId(), track.videoId(), request.callId(), request.correlationId(),
                        request.mode())
                .replaceWith(() -> result(request, track, true, 0, null));
    }

    private SubtitleResult result(SubtitleRequest request, Captions.Track track, boolean cached, int charged, Integer remaining) {
        String content = rendered.render(track.videoId(), track.track(), track.content(), request.format());
        return new SubtitleResult(track.videoId(), content, request.format().wireName(), cached, track.track().language(),
                TrackSources.publicName(track.track().source()), CaptionSelector.languages(track.available()), charged,
                remaining);
    }

    private static String reason(Throwable failure) {
        if (failure instanceof NoSubtitleException) {
            return "no_subtitle_available";
        }
        if (failure instanceof VideoUnavailableException) {
            return "video_unavailable";
        }
        if (failure instanceof InvalidUrlException) {
            return "invalid_url";
        }
        return "processing_failed";
    }
}

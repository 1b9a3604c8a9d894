package com.tikneuron.subtitle.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.tikneuron.paid.PaidCapability;
import com.tikneuron.paid.PaidWork;
import com.tikneuron.paid.Settled;
import com.tikneuron.paid.billing.Hold;
import com.tikneuron.subtitle.caption.CaptionSelector;
import com.tikneuron.subtitle.caption.TrackSources;
import com.tikneuron.subtitle.tiktok.BlockedAddressException;
import com.tikneuron.subtitle.tiktok.InvalidUrlException;
import com.tikneuron.subtitle.tiktok.ResponseTooLargeException;
import com.tikneuron.subtitle.tiktok.TikTokClient;
import com.tikneuron.subtitle.tiktok.TikTokUnavailableException;
import com.tikneuron.subtitle.tiktok.VideoUnavailableException;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The paid subtitle use case on the shared protocol ({@link PaidCapability}): a cached track is free; on a miss one
 * request per (video, language) holds one credit, reads TikTok, and captures, or voids when the video has no track
 * for the request or anything fails. Generated subtitles ({@code mode} generate, or auto on a video without a track)
 * are {@link GeneratedSubtitleService}'s; in auto, a video with neither a track nor speech is read from its on-screen
 * text ({@link OnScreenTextSubtitleService}). Auto asks each source whether it has words before it holds anything,
 * so a request holds once, the price of the source that answers.
 */
@ApplicationScoped
public class SubtitleService {

    static final String CAPABILITY = "subtitle";
    static final int PRICE = 1;

    private final VideoResolver resolver;
    private final CaptionService captions;
    private final TikTokClient tiktok;
    private final PaidCapability paid;
    private final RenderedSubtitles rendered;
    private final GeneratedSubtitleService generated;
    private final OnScreenTextSubtitleService onScreenText;
    private final MeterRegistry registry;

    public SubtitleService(VideoResolver resolver, CaptionService captions, TikTokClient tiktok, PaidCapability paid,
            RenderedSubtitles rendered, GeneratedSubtitleService generated, OnScreenTextSubtitleService onScreenText,
            MeterRegistry registry) {
        this.resolver = resolver;
        this.captions = captions;
        this.tiktok = tiktok;
        this.paid = paid;
        this.rendered = rendered;
        this.generated = generated;
        this.onScreenText = onScreenText;
        this.registry = registry;
    }

    /** Where the words of a subtitle may come from, one after another. */
    private interface Source {
        Uni<SubtitleResult> subtitle(SubtitleRequest request, String videoId, VideoPage page);
    }

    public Uni<SubtitleResult> subtitle(SubtitleRequest request) {
        return resolver.videoId(request.url()).onItem().transformToUni(videoId -> {
            VideoPage page = new VideoPage(tiktok, videoId);
            return switch (request.transcriptMode()) {
                case NATIVE -> captioned(request, videoId, page);
                case GENERATE -> generated.subtitle(request, videoId, page);
                case AUTO -> firstWithWords(List.of(this::captioned, generated::subtitle, onScreenText::subtitle), request,
                        videoId, page);
            };
        });
    }

    /**
     * The first source that has words for the video: a source without them answers {@link NoSubtitleException}
     * (before its hold, or with its hold voided) and the next is asked; the last one's answer is the request's.
     */
    private static Uni<SubtitleResult> firstWithWords(List<Source> sources, SubtitleRequest request, String videoId,
            VideoPage page) {
        Uni<SubtitleResult> answer = sources.get(0).subtitle(request, videoId, page);
        if (sources.size() == 1) {
            return answer;
        }
        return answer.onFailure(NoSubtitleException.class)
                .recoverWithUni(() -> firstWithWords(sources.subList(1, sources.size()), request, videoId, page));
    }

    /** TikTok's own track. */
    private Uni<SubtitleResult> captioned(SubtitleRequest request, String videoId, VideoPage page) {
        return paid.run(new CaptionWork(request, videoId, page), request.caller())
                .map(settled -> result(request, settled));
    }

    private SubtitleResult result(SubtitleRequest request, Settled<Captions.Track> settled) {
        Captions.Track track = settled.value();
        String content = rendered.render(track.videoId(), track.track(), track.content(), request.format());
        return new SubtitleResult(track.videoId(), content, request.format().wireName(), settled.cached(),
                track.track().language(), TrackSources.publicName(track.track().source()),
                CaptionSelector.languages(track.available()), settled.creditsCharged(), settled.creditsRemaining());
    }

    /**
     * One request's TikTok track as paid work, keyed by (video, language). Natively the credit is held before any
     * TikTok work and a video without a track voids it. In auto the page, which is free, is read first: a video
     * without a track for the request holds nothing, so the next source's price is the only hold.
     */
    private final class CaptionWork extends PaidWork<Captions.Track> {

        private final String language;
        private final VideoPage page;
        private final boolean pageFirst;
        private CaptionService.Listing listing;
        private Timer.Sample started;

        CaptionWork(SubtitleRequest request, String videoId, VideoPage page) {
            super(CAPABILITY, videoId, CaptionService.key(videoId, request.language()), PRICE);
            this.language = request.language();
            this.page = page;
            this.pageFirst = request.transcriptMode() == TranscriptMode.AUTO;
        }

        @Override
        public Uni<Captions.Track> lookup() {
            return captions.lookup(videoId(), language, key()).map(cached -> switch (cached) {
                case Captions.Track track -> track;
                case Captions.None none -> throw new NoSubtitleException();
                case Captions.Unknown unknown -> null;
            });
        }

        @Override
        public Uni<Integer> quote() {
            if (!pageFirst) {
                return super.quote();
            }
            started = Timer.start(registry);
            return page.item().chain(item -> captions.listing(videoId(), language, item)).map(listed -> {
                if (listed.chosen().isEmpty()) {
                    captions.timed(started, null, new Captions.None());
                    throw new NoSubtitleException();
                }
                listing = listed;
                return price();
            });
        }

        @Override
        public Uni<Captions.Track> work(Hold hold) {
            Uni<Captions> fetched = listing == null ? captions.fetch(videoId(), language, page)
                    : captions.download(videoId(), listing.chosen().get(), listing.available(), page.cookies())
                            .onItemOrFailure().invoke((result, failure) -> captions.timed(started, failure, result));
            return fetched.map(result -> {
                if (result instanceof Captions.Track track) {
                    return track;
                }
                throw new NoSubtitleException();
            });
        }

        @Override
        public Uni<Void> store(Captions.Track track) {
            // Stored by the download, before the capture.
            return Uni.createFrom().voidItem();
        }

        @Override
        public RuntimeException failure(Throwable failure) {
            // TikTok's answers have their own public bodies (ExceptionMappers); the hold is voided all the same.
            if (failure instanceof VideoUnavailableException || failure instanceof TikTokUnavailableException
                    || failure instanceof InvalidUrlException || failure instanceof BlockedAddressException
                    || failure instanceof ResponseTooLargeException) {
                return (RuntimeException) failure;
            }
            return super.failure(failure);
        }
    }
}

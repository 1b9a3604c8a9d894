package com.tikneuron.subtitle.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.tikneuron.subtitle.caption.CaptionSelector;
import com.tikneuron.subtitle.caption.SubtitleRenderer;
import com.tikneuron.subtitle.caption.TrackDescriptor;
import com.tikneuron.subtitle.config.CaptionCacheConfig;
import com.tikneuron.subtitle.repository.CaptionCacheRepository;
import com.tikneuron.subtitle.tiktok.CaptionTrack;
import com.tikneuron.subtitle.tiktok.CookieJar;
import com.tikneuron.subtitle.tiktok.TikTokClient;
import com.tikneuron.subtitle.tiktok.VideoItem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * TikTok's caption tracks and their cache: answers from PostgreSQL when it can, otherwise reads the video's page,
 * remembers which tracks it lists (and so, for a while, that it has none for a language) and downloads the one the
 * request asks for. Tracks served lately are also kept in memory for a short while ({@code tikneuron.captions.memo-ttl}),
 * so the hits that follow a popular video do not read PostgreSQL. Who pays, and that identical requests fetch once, is
 * the paid protocol's ({@link SubtitleService}).
 */
@ApplicationScoped
public class CaptionService {

    /** The tracks a page lists that we can read, and the one that fits the request, if any. */
    public record Listing(List<TrackDescriptor> available, Optional<CaptionTrack> chosen) {
    }

    private final CaptionCacheRepository repository;
    private final TikTokClient tiktok;
    private final SubtitleRenderer renderer;
    private final CaptionCacheConfig config;
    private final MeterRegistry registry;
    private final Cache<String, Captions.Track> recent;
    private final Counter hits;
    private final Counter misses;
    // Unbilled fetches (the internal transcript route) running on this replica: identical ones share one.
    private final ConcurrentMap<String, Uni<Captions>> unbilled = new ConcurrentHashMap<>();

    public CaptionService(CaptionCacheRepository repository, TikTokClient tiktok, SubtitleRenderer renderer,
            CaptionCacheConfig config, MeterRegistry registry) {
        this.recent = Caffeine.newBuilder()
                .executor(Runnable::run)
                .expireAfterWrite(config.memoTtl())
                .maximumWeight(config.memoMaxBytes())
                .<String, Captions.Track>weigher((key, track) -> track.content().length + 256)
                .build();
        this.hits = registry.counter("tikneuron.caption.cache", "result", "hit");
        this.misses = registry.counter("tikneuron.caption.cache", "result", "miss");
        this.repository = repository;
        this.tiktok = tiktok;
        this.renderer = renderer;
        this.config = config;
        this.registry = registry;
    }

    /** What the cache holds for this request, without asking TikTok. */
    public Uni<Captions> lookup(String videoId, String language) {
        return lookup(videoId, language, key(videoId, language));
    }

    /** The same, for a caller that has made the request's {@link #key(String, String)} already. */
    public Uni<Captions> lookup(String videoId, String language, String key) {
        Captions.Track remembered = recent.getIfPresent(key);
        if (remembered != null) {
            hits.increment();
            return Uni.createFrom().item(remembered);
        }
        return repository.trackList(videoId).onItem().transformToUni(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item((Captions) new Captions.Unknown());
            }
            List<TrackDescriptor> tracks = list.get().tracks();
            boolean fresh = list.get().checkedAt().plus(config.trackListTtl()).isAfter(Instant.now());
            Optional<TrackDescriptor> chosen = CaptionSelector.select(tracks, language);
            if (chosen.isEmpty()) {
                return Uni.createFrom().item(fresh ? new Captions.None() : new Captions.Unknown());
            }
            return repository.track(videoId, chosen.get()).map(content -> content
                    .<Captions>map(bytes -> new Captions.Track(videoId, chosen.get(), bytes, tracks))
                    .orElseGet(Captions.Unknown::new));
        }).invoke(result -> {
            if (result instanceof Captions.Track track) {
                recent.put(key, track);
            }
            (result instanceof Captions.Unknown ? misses : hits).increment();
        });
    }

    /** The key of one (video, language) request: of the memory above and of the paid protocol's claims. */
    public static String key(String videoId, String language) {
        return videoId + "|" + (language == null ? "" : language.toLowerCase(Locale.ROOT));
    }

    /** The request's captions straight from TikTok: the page, then the track that fits, if any. */
    public Uni<Captions> fetch(String videoId, String language, VideoPage page) {
        Timer.Sample started = Timer.start(registry);
        return page.item()
                .chain(item -> listing(videoId, language, item))
                .chain(listing -> listing.chosen().isEmpty() ? Uni.createFrom().<Captions>item(new Captions.None())
                        : download(videoId, listing.chosen().get(), listing.available(), page.cookies()))
                .onItemOrFailure().invoke((captions, failure) -> timed(started, failure, captions));
    }

    /**
     * As {@link #fetch(String, String, VideoPage)}, for callers nobody pays for (summary-service's transcripts):
     * identical requests on this replica share one fetch (summaries of several kinds of one new video ask together).
     */
    public Uni<Captions> fetchShared(String videoId, String language) {
        String key = key(videoId, language);
        return Uni.createFrom().deferred(() -> unbilled.computeIfAbsent(key, ignored -> fetch(videoId, language,
                new VideoPage(tiktok, videoId)).onTermination().invoke(() -> unbilled.remove(key)).memoize().indefinitely()));
    }

    /**
     * The tracks a page just fetched lists, remembered for the video (so that, for a while, a language it lacks is
     * answered without TikTok), and the one that fits the request.
     */
    public Uni<Listing> listing(String videoId, String language, VideoItem item) {
        List<CaptionTrack> usable = item.captions().stream().filter(CaptionTrack::usable).toList();
        List<TrackDescriptor> descriptors = usable.stream().map(CaptionTrack::descriptor).distinct().toList();
        Optional<CaptionTrack> chosen = CaptionSelector.select(descriptors, language)
                .flatMap(descriptor -> usable.stream().filter(t -> t.descriptor().equals(descriptor)).findFirst());
        return repository.saveTrackList(videoId, descriptors, Instant.now()).replaceWith(new Listing(descriptors, chosen));
    }

    /** Downloads a listed track and stores it; a track without a single cue is no captions. */
    public Uni<Captions> download(String videoId, CaptionTrack track, List<TrackDescriptor> available, CookieJar jar) {
        return tiktok.downloadCaption(track, jar).onItem().transformToUni(content -> {
            if (renderer.cues(content, track.format()).isEmpty()) {
                return Uni.createFrom().<Captions>item(new Captions.None());
            }
            return repository.saveTrack(videoId, track.descriptor(), content, Instant.now())
                    .replaceWith(new Captions.Track(videoId, track.descriptor(), content, available));
        });
    }

    /** Records how long TikTok took for the captions of one request, by outcome. */
    public void timed(Timer.Sample started, Throwable failure, Captions captions) {
        started.stop(registry.timer("tikneuron.tiktok.captions.fetch",
                "outcome", failure != null ? "failed" : captions instanceof Captions.Track ? "captions" : "none"));
    }
}

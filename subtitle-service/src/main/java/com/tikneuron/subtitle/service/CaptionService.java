package com.tikneuron.subtitle.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.tikneuron.subtitle.caption.CaptionSelector;
import com.tikneuron.subtitle.caption.SubtitleRenderer;
import com.tikneuron.subtitle.caption.TrackDescriptor;
import com.tikneuron.subtitle.config.CaptionCacheConfig;
import com.tikneuron.subtitle.repository.CaptionCacheRepository;
import com.tikneuron.subtitle.repository.FetchClaimRepository;
import com.tikneuron.subtitle.tiktok.CaptionTrack;
import com.tikneuron.subtitle.tiktok.CookieJar;
import com.tikneuron.subtitle.tiktok.TikTokClient;
import com.tikneuron.subtitle.tiktok.TikTokUnavailableException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Caption tracks through the cache: answers from PostgreSQL when it can, otherwise fetches from TikTok once per
 * (video, language) no matter how many requests ask at the same moment, on this instance (in memory) or on others
 * (a leased claim in PostgreSQL). The first asker leads: it runs the caller's {@code beforeWork} (the credit hold)
 * and the fetch; the others wait and get the leader's result. Tracks served lately are also kept in memory for a
 * short while ({@code tikneuron.captions.memo-ttl}), so the hits that follow a popular video do not read PostgreSQL.
 */
@ApplicationScoped
public class CaptionService {

    /** A result and whether this caller did the upstream work (and so is the one who pays). */
    public record Obtained(Captions captions, boolean fetchedByThisCall) {
    }

    private final CaptionCacheRepository repository;
    private final FetchClaimRepository claims;
    private final TikTokClient tiktok;
    private final SubtitleRenderer renderer;
    private final CaptionCacheConfig config;
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, CompletableFuture<Captions>> inFlight = new ConcurrentHashMap<>();
    private final Cache<String, Captions.Track> recent;
    private final Counter hits;
    private final Counter misses;

    public CaptionService(CaptionCacheRepository repository, FetchClaimRepository claims, TikTokClient tiktok,
            SubtitleRenderer renderer, CaptionCacheConfig config, MeterRegistry registry) {
        this.repository = repository;
        this.claims = claims;
        this.tiktok = tiktok;
        this.renderer = renderer;
        this.config = config;
        this.registry = registry;
        this.recent = Caffeine.newBuilder()
                .executor(Runnable::run)
                .expireAfterWrite(config.memoTtl())
                .maximumWeight(config.memoMaxBytes())
                .<String, Captions.Track>weigher((key, track) -> track.content().length + 256)
                .build();
        this.hits = registry.counter("tikneuron.caption.cache", "result", "hit");
        this.misses = registry.counter("tikneuron.caption.cache", "result", "miss");
    }

    /** What the cache holds for this request, without asking TikTok. */
    public Uni<Captions> lookup(String videoId, String language) {
        String key = key(videoId, language);
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

    private static String key(String videoId, String language) {
        return videoId + "|" + (language == null ? "" : language.toLowerCase(Locale.ROOT));
    }

    /** The captions for this request, fetched from TikTok at most once at a time; {@code beforeWork} runs only if this call fetches. */
    public Uni<Obtained> obtain(String videoId, String language, Supplier<Uni<Void>> beforeWork) {
        String key = key(videoId, language);
        CompletableFuture<Captions> work = new CompletableFuture<>();
        CompletableFuture<Captions> running = inFlight.putIfAbsent(key, work);
        if (running != null) {
            return await(running).map(captions -> new Obtained(captions, false));
        }
        Uni<Obtained> lead = leadAcrossInstances(key, videoId, language, beforeWork, Instant.now().plus(config.claimLease()));
        CompletableFuture<Obtained> outcome = new CompletableFuture<>();
        // Subscribed here, not by the caller, so the fetch finishes (and followers are answered) even if the leader's client goes away.
        lead.subscribe().with(result -> {
            inFlight.remove(key, work);
            work.complete(result.captions());
            outcome.complete(result);
        }, failure -> {
            inFlight.remove(key, work);
            work.completeExceptionally(failure);
            outcome.completeExceptionally(failure);
        });
        return await(outcome);
    }

    /**
     * This instance's leader: fetches once the cluster-wide claim is ours, or waits for the instance holding it and
     * takes its result. A request that missed the cache just before the previous leader finished must not fetch
     * (and pay) again, so the cache is checked before every attempt.
     */
    private Uni<Obtained> leadAcrossInstances(String key, String videoId, String language, Supplier<Uni<Void>> beforeWork,
            Instant giveUpAt) {
        return lookup(videoId, language).onItem().transformToUni(cached -> {
            if (!(cached instanceof Captions.Unknown)) {
                return Uni.createFrom().item(new Obtained(cached, false));
            }
            String owner = UUID.randomUUID().toString();
            return claims.claim(key, owner, config.claimLease()).onItem().transformToUni(claimed -> {
                if (claimed) {
                    return beforeWork.get().chain(() -> fetch(videoId, language))
                            .map(captions -> new Obtained(captions, true))
                            .onTermination().call(() -> claims.release(key, owner));
                }
                if (Instant.now().isAfter(giveUpAt)) {
                    return Uni.createFrom().failure(new TikTokUnavailableException("Another instance is still fetching this video"));
                }
                return Uni.createFrom().voidItem().onItem().delayIt().by(config.claimPoll())
                        .chain(() -> leadAcrossInstances(key, videoId, language, beforeWork, giveUpAt));
            });
        });
    }

    private Uni<Captions> fetch(String videoId, String language) {
        CookieJar jar = new CookieJar();
        Timer.Sample started = Timer.start(registry);
        return tiktok.fetchVideo(videoId, jar).onItem().<Captions>transformToUni(item -> {
            List<CaptionTrack> usable = item.captions().stream().filter(CaptionTrack::usable).toList();
            List<TrackDescriptor> descriptors = usable.stream().map(CaptionTrack::descriptor).distinct().toList();
            Optional<TrackDescriptor> chosen = CaptionSelector.select(descriptors, language);
            Uni<Void> saved = repository.saveTrackList(videoId, descriptors, Instant.now());
            if (chosen.isEmpty()) {
                return saved.replaceWith(new Captions.None());
            }
            CaptionTrack track = usable.stream().filter(t -> t.descriptor().equals(chosen.get())).findFirst().orElseThrow();
            return saved.chain(() -> tiktok.downloadCaption(track, jar)).onItem().transformToUni(content -> {
                if (renderer.cues(content, track.format()).isEmpty()) {
                    return Uni.createFrom().item(new Captions.None());
                }
                return repository.saveTrack(videoId, chosen.get(), content, Instant.now())
                        .replaceWith(new Captions.Track(videoId, chosen.get(), content, descriptors));
            });
        }).onItemOrFailure().invoke((captions, failure) -> started.stop(registry.timer("tikneuron.tiktok.captions.fetch",
                "outcome", failure != null ? "failed" : captions instanceof Captions.Track ? "captions" : "none")));
    }

    /** Waits for another request's work, resuming on this request's own Vert.x context. */
    private static <T> Uni<T> await(CompletableFuture<T> future) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> future.whenComplete((value, failure) -> {
            Runnable deliver = () -> {
                if (failure != null) {
                    emitter.fail(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
                } else {
                    emitter.complete(value);
                }
            };
            if (context != null) {
                context.runOnContext(ignored -> deliver.run());
            } else {
                deliver.run();
            }
        }));
    }
}

package com.tikneuron.subtitle.config;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.subtitle.caption.SubtitleRenderer;
import com.tikneuron.subtitle.tiktok.BotChallenge;
import com.tikneuron.subtitle.tiktok.GuardedFetcher;
import com.tikneuron.subtitle.tiktok.HostResolver;
import com.tikneuron.subtitle.tiktok.PageParser;
import com.tikneuron.subtitle.tiktok.TikTokClient;

import io.vertx.core.Vertx;

/** Builds the TikTok access chain from configuration; the pieces themselves stay plain classes, easy to test alone. */
@ApplicationScoped
public class TikTokProducers {

    @Produces
    @ApplicationScoped
    GuardedFetcher fetcher(Vertx vertx, TikTokConfig config) {
        return new GuardedFetcher(vertx, new GuardedFetcher.Settings(config.origin().map(URI::create), config.userAgent(),
                config.acceptLanguage(), config.connectTimeout()), HostResolver.system());
    }

    void close(@Disposes GuardedFetcher fetcher) {
        fetcher.close();
    }

    @Produces
    @ApplicationScoped
    TikTokClient client(GuardedFetcher fetcher, ObjectMapper mapper, TikTokConfig config) {
        return new TikTokClient(fetcher, new PageParser(mapper), new BotChallenge(mapper, config.challengeMaxIterations()),
                new TikTokClient.Limits(config.maxPageBytes(), config.maxCaptionBytes(), config.maxMediaBytes(),
                        config.requestTimeout(), config.mediaTimeout(), config.maxRedirects()));
    }

    @Produces
    @ApplicationScoped
    SubtitleRenderer renderer(ObjectMapper mapper) {
        return new SubtitleRenderer(mapper);
    }
}

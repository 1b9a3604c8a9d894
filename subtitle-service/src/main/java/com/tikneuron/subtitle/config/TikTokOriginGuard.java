package com.tikneuron.subtitle.config;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;

/**
 * Refuses to start the prod profile with a TikTok stand-in origin: that switch sends every TikTok request to one
 * address without the allow-list's DNS and address checks, which is right for tests and offline stacks (profile
 * {@code standin}) and an SSRF hole in production.
 */
@ApplicationScoped
public class TikTokOriginGuard {

    private final TikTokConfig tiktok;
    private final List<String> profiles;

    TikTokOriginGuard(TikTokConfig tiktok, Config config) {
        this.tiktok = tiktok;
        this.profiles = config.unwrap(SmallRyeConfig.class).getProfiles();
    }

    void check(@Observes StartupEvent event) {
        refusal(tiktok.origin(), profiles).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    /** Profiles made for a TikTok stand-in; any other profile (prod, staging, a typo) refuses the origin override. */
    static final List<String> STAND_IN_PROFILES = List.of("standin", "dev", "test");

    /** Why these settings must not start, or empty when they may. */
    static Optional<String> refusal(Optional<String> origin, List<String> activeProfiles) {
        boolean set = origin.filter(value -> !value.isBlank()).isPresent();
        boolean standIn = !activeProfiles.contains("prod")
                && activeProfiles.stream().anyMatch(STAND_IN_PROFILES::contains);
        if (!set || standIn) {
            return Optional.empty();
        }
        return Optional.of("tikneuron.tiktok.origin (TIKNEURON_TIKTOK_ORIGIN) is set to " + origin.get().strip()
                + ": it sends every TikTok request to that origin without the address checks, so only the profiles "
                + STAND_IN_PROFILES + " start with it, and never beside prod (active: " + activeProfiles + "). Unset it"
                + " in production; a local stack with the TikTok stand-in runs with QUARKUS_PROFILE=standin.");
    }
}

package com.tikneuron.subtitle.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** When the stand-in origin switch stops the service from starting: only with the prod profile active. */
class TikTokOriginGuardTest {

    private static final Optional<String> ORIGIN = Optional.of("http://127.0.0.1:8090");

    @Test
    void theProdProfileRefusesAnOriginAndNamesTheSetting() {
        Optional<String> refusal = TikTokOriginGuard.refusal(ORIGIN, List.of("prod"));
        assertTrue(refusal.isPresent());
        assertTrue(refusal.get().contains("TIKNEURON_TIKTOK_ORIGIN"), refusal.get());
        assertTrue(refusal.get().contains("tikneuron.tiktok.origin"), refusal.get());
        assertTrue(refusal.get().contains("http://127.0.0.1:8090"), refusal.get());
        assertTrue(refusal.get().contains("QUARKUS_PROFILE=standin"), refusal.get());
    }

    @Test
    void prodAmongSeveralProfilesStillRefuses() {
        assertTrue(TikTokOriginGuard.refusal(ORIGIN, List.of("standin", "prod")).isPresent());
        assertTrue(TikTokOriginGuard.refusal(ORIGIN, List.of("prod", "standin")).isPresent());
    }

    @Test
    void theStandInProfilesMayUseTheStandIn() {
        for (List<String> profiles : List.of(List.of("standin"), List.of("dev"), List.of("test"),
                List.of("standin", "local"))) {
            assertEquals(Optional.empty(), TikTokOriginGuard.refusal(ORIGIN, profiles), profiles.toString());
        }
    }

    @Test
    void anyOtherProfileRefusesTheOrigin() {
        for (List<String> profiles : List.of(List.<String>of(), List.of("staging"), List.of("production"),
                List.of("prod-like"), List.of("stanin"))) {
            assertTrue(TikTokOriginGuard.refusal(ORIGIN, profiles).isPresent(), profiles.toString());
        }
    }

    @Test
    void theProdProfileStartsWithTheOriginUnsetOrBlank() {
        assertEquals(Optional.empty(), TikTokOriginGuard.refusal(Optional.empty(), List.of("prod")));
        assertEquals(Optional.empty(), TikTokOriginGuard.refusal(Optional.of("  "), List.of("prod")));
    }
}

package com.tikneuron.billing.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class AdminTokenCheckTest {

    @Test
    void aTokenShorterThan32CharactersStopsTheStart() {
        String shortToken = "s".repeat(AdminTokenCheck.MIN_LENGTH - 1);
        IllegalStateException refusal = assertThrows(IllegalStateException.class,
                () -> AdminTokenCheck.requireStrongOrUnset(Optional.of(shortToken)));
        assertFalse(refusal.getMessage().contains(shortToken), "the refusal must not print the token");
        assertThrows(IllegalStateException.class, () -> AdminTokenCheck.requireStrongOrUnset(Optional.of("admin")));
    }

    @Test
    void aTokenOf32CharactersOrMoreStarts() {
        assertDoesNotThrow(() -> AdminTokenCheck.requireStrongOrUnset(Optional.of("t".repeat(32))));
        assertDoesNotThrow(() -> AdminTokenCheck.requireStrongOrUnset(Optional.of("t".repeat(64))));
    }

    @Test
    void anUnsetOrBlankTokenStartsWithTheAdminApiClosed() {
        assertDoesNotThrow(() -> AdminTokenCheck.requireStrongOrUnset(Optional.empty()));
        assertDoesNotThrow(() -> AdminTokenCheck.requireStrongOrUnset(Optional.of("   ")));
    }
}

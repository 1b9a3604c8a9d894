package com.tikneuron.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServiceCredentialsTest {

    private static final String CURRENT = "c".repeat(40);
    private static final String PREVIOUS = "p".repeat(40);

    @Test
    void acceptsTheCurrentCredentialAndRefusesOthers() {
        ServiceCredentials credentials = ServiceCredentials.of(CURRENT, null);
        assertTrue(credentials.accepts(CURRENT));
        assertFalse(credentials.accepts(PREVIOUS));
        assertFalse(credentials.accepts(CURRENT.substring(1)));
        assertFalse(credentials.accepts(""));
        assertFalse(credentials.accepts(null));
    }

    @Test
    void acceptsThePreviousCredentialDuringARotation() {
        ServiceCredentials credentials = ServiceCredentials.of(CURRENT, PREVIOUS);
        assertTrue(credentials.accepts(CURRENT));
        assertTrue(credentials.accepts(PREVIOUS));
        assertFalse(credentials.accepts("x".repeat(40)));
    }

    @Test
    void refusesToStartWithoutACredentialOrWithAShortOne() {
        assertThrows(IllegalStateException.class, () -> ServiceCredentials.of("", null));
        assertThrows(IllegalStateException.class, () -> ServiceCredentials.of("short", null));
        assertThrows(IllegalStateException.class, () -> ServiceCredentials.of(CURRENT, "short"));
    }
}

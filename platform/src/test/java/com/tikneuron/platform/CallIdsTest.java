package com.tikneuron.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which call ids the service takes from the gateway, and the shape of the ones it makes. */
class CallIdsTest {

    @Test
    void aCallIdOfTheGatewaysShapeIsKept() {
        assertEquals("call_0123456789abcdef0123456789abcdef", CallIds.acceptOrCreate("call_0123456789abcdef0123456789abcdef"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "x1", "req-test-1", "call_", "call_0123456789ABCDEF0123456789ABCDEF",
            "call_0123456789abcdef0123456789abcde", "call_0123456789abcdef0123456789abcdef0",
            " call_0123456789abcdef0123456789abcdef", "CALL_0123456789abcdef0123456789abcdef",
            "call-0123456789abcdef0123456789abcdef", "call_0123456789abcdef0123456789abcdef\nx"})
    void anythingElseIsReplacedByAFreshId(String sent) {
        String id = CallIds.acceptOrCreate(sent);
        assertTrue(id.matches("call_[0-9a-f]{32}"), id);
        assertNotEquals(sent, id);
    }

    @Test
    void freshIdsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(CallIds.create());
        }
        assertEquals(10_000, ids.size());
    }
}

package com.tikneuron.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.tikneuron.portal.security.PasswordHasher;
import com.tikneuron.portal.security.PasswordPolicy;

class PasswordsTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void argon2idHashesVerifyTheirPasswordOnlyAndAreSaltedEachTime() {
        String first = hasher.hash("correct horse battery staple");
        String second = hasher.hash("correct horse battery staple");
        assertTrue(first.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), first);
        assertNotEquals(first, second);
        assertTrue(hasher.verify("correct horse battery staple", first));
        assertTrue(hasher.verify("correct horse battery staple", second));
        assertFalse(hasher.verify("correct horse battery stapl", first));
        assertFalse(hasher.verify("", first));
        assertFalse(hasher.verify("correct horse battery staple", "$argon2id$v=19$m=1,t=1$broken"));
        assertFalse(hasher.verify("correct horse battery staple", "plain text"));
    }

    @Test
    void thePolicyAsksForLengthAndRefusesTheObvious() {
        assertEquals("The password must have at least 12 characters.",
                PasswordPolicy.problem("short", "a@b.co").orElseThrow());
        assertTrue(PasswordPolicy.problem("x".repeat(129), "a@b.co").isPresent());
        assertTrue(PasswordPolicy.problem("someone@example.com", "someone@example.com").isPresent());
        assertTrue(PasswordPolicy.problem("aaaaaaaaaaaaaaaa", "a@b.co").isPresent());
        assertTrue(PasswordPolicy.problem("Password1234", "a@b.co").isPresent());
        assertTrue(PasswordPolicy.problem("blue kettle on a quiet hill", "a@b.co").isEmpty());
    }
}

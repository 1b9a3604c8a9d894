package com.tikneuron.portal.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be: 12 to 128 characters (NIST SP 800-63B: length over composition rules), not
 * the email address, not one character repeated, and not one of the most common passwords.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final Set<String> COMMON = Set.of("password1234", "123456789012", "qwertyuiop12", "passwordpassword",
            "letmein12345", "iloveyou1234", "welcome12345", "administrator", "abcdefghijkl", "qwertyuiopas",
            "1q2w3e4r5t6y", "password123!", "changeme1234", "tikneuron123", "tiktoktiktok");

    private PasswordPolicy() {
    }

    /** Why the password is refused, or empty when it is acceptable. */
    public static Optional<String> problem(String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("The password must have at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("The password may have at most " + MAX_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (email != null && lower.equals(email.toLowerCase(Locale.ROOT))) {
            return Optional.of("The password must not be your email address.");
        }
        if (password.chars().distinct().count() < 4) {
            return Optional.of("The password must use at least 4 different characters.");
        }
        if (COMMON.contains(lower)) {
            return Optional.of("That password is too common; choose another.");
        }
        return Optional.empty();
    }
}

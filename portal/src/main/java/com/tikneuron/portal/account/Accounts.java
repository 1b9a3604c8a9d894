package com.tikneuron.portal.account;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.tikneuron.portal.PortalConfig;
import com.tikneuron.portal.billing.BillingApi;
import com.tikneuron.portal.security.Digests;
import com.tikneuron.portal.security.PasswordHasher;

/**
 * Sign-up and log-in. Neither ever tells whether an email address is registered: sign-up answers the same for a
 * new and a taken address, and a failed log-in says only that the address or the password is wrong, after the
 * same Argon2 work either way.
 */
@ApplicationScoped
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}$");

    private final UserStore store;
    private final PasswordHasher hasher;
    private final BillingApi billing;
    private final PortalConfig config;

    public Accounts(UserStore store, PasswordHasher hasher, @RestClient BillingApi billing, PortalConfig config) {
        this.store = store;
        this.hasher = hasher;
        this.billing = billing;
        this.config = config;
    }

    /** How a log-in attempt ended. */
    public enum Outcome {
        SIGNED_IN, WRONG, THROTTLED
    }

    public record LoginResult(Outcome outcome, User user) {
    }

    /** The address as stored: trimmed and lower-case; null when it is not an email address. */
    public static String normalise(String email) {
        if (email == null) {
            return null;
        }
        String trimmed = email.strip().toLowerCase(Locale.ROOT);
        return trimmed.length() <= 254 && EMAIL.matcher(trimmed).matches() ? trimmed : null;
    }

    /**
     * Registers the address with a new billing account, unless it is taken; either way the caller shows the same
     * answer. The password is hashed in both cases so the answer takes as long.
     */
    public void signUp(String email, String password) {
        String hash = hasher.hash(password);
        if (store.emailTaken(email)) {
            LOG.info("sign-up for an address already registered; answered as any other");
            return;
        }
        BillingApi.Account account = billing.openAccount(new BillingApi.NewAccount(email));
        User user = new User(UUID.randomUUID(), email, account.id());
        if (!store.insert(user, hash)) {
            LOG.infof("sign-up raced another for the same address; billing account %s stays unused", account.id());
        }
    }

    /** Checks the throttles, then the password; records a failure for the address tried and the client. */
    public LoginResult logIn(String email, String given, String clientAddress) {
        String password = given == null ? "" : given;
        String emailDigest = Digests.sha256Hex(email == null ? "" : email);
        long[] failures = store.recentFailures(emailDigest, clientAddress, config.loginWindow().toSeconds());
        if (failures[0] >= config.maxFailuresPerAccount() || failures[1] >= config.maxFailuresPerClient()) {
            return new LoginResult(Outcome.THROTTLED, null);
        }
        Optional<UserStore.Credentials> found = email == null ? Optional.empty() : store.byEmail(email);
        boolean matches;
        if (found.isPresent()) {
            matches = hasher.verify(password, found.get().passwordHash());
        } else {
            hasher.verifyDecoy(password);
            matches = false;
        }
        if (!matches) {
            store.recordFailure(emailDigest, clientAddress);
            return new LoginResult(Outcome.WRONG, null);
        }
        store.clearFailures(emailDigest);
        return new LoginResult(Outcome.SIGNED_IN, found.get().user());
    }
}

package com.tikneuron.billing.config;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start a production billing-service whose admin token is set but short enough to guess: the admin API
 * grants credits, so a weak token is worse than none (none keeps the admin API closed).
 */
@IfBuildProfile("prod")
@ApplicationScoped
public class AdminTokenCheck {

    /** Shortest admin token production accepts, as for the service credential. */
    public static final int MIN_LENGTH = 32;

    private final BillingConfig config;

    public AdminTokenCheck(BillingConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        requireStrongOrUnset(config.adminToken());
    }

    /** Fails when a token is configured with fewer than {@link #MIN_LENGTH} characters; unset or blank passes. */
    public static void requireStrongOrUnset(Optional<String> token) {
        // Blank counts as unset, as AdminTokenFilter treats it: the admin API stays closed
        if (token.isPresent() && !token.get().isBlank() && token.get().length() < MIN_LENGTH) {
            throw new IllegalStateException("tikneuron.billing.admin-token (TIKNEURON_ADMIN_TOKEN) must have at least "
                    + MIN_LENGTH + " characters when set, or be unset to close the admin API");
        }
    }
}

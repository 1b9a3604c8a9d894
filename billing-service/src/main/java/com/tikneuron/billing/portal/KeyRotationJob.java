package com.tikneuron.billing.portal;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Revokes rotated keys once their grace period is over. One UPDATE, so several replicas may sweep at once. */
@ApplicationScoped
public class KeyRotationJob {

    private static final Logger LOG = Logger.getLogger(KeyRotationJob.class);

    private final PortalKeyRepository keys;

    public KeyRotationJob(PortalKeyRepository keys) {
        this.keys = keys;
    }

    @Scheduled(every = "${tikneuron.billing-portal.key-rotation-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return revokeDue()
                .onFailure().invoke(failure -> LOG.warnf("key rotation sweep failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    public Uni<Integer> revokeDue() {
        return keys.revokeDue().invoke(revoked -> {
            if (revoked > 0) {
                LOG.infof("revoked %d rotated keys at the end of their grace period", revoked);
            }
        });
    }
}

package com.tikneuron.portal.web;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.portal.PortalConfig;
import com.tikneuron.portal.account.UserStore;

import io.quarkus.scheduler.Scheduled;

/** Deletes ended sessions and failed log-ins older than the throttling window. */
@ApplicationScoped
public class SessionPurgeJob {

    private static final Logger LOG = Logger.getLogger(SessionPurgeJob.class);

    private final UserStore store;
    private final PortalConfig config;

    public SessionPurgeJob(UserStore store, PortalConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "5m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            store.purge(config.sessionIdleTimeout().toSeconds(), config.loginWindow().toSeconds());
        } catch (RuntimeException e) {
            LOG.warnf("session purge failed: %s", e.getMessage());
        }
    }
}

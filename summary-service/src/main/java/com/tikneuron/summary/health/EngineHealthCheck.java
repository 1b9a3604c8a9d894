package com.tikneuron.summary.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.tikneuron.summary.engine.SummaryEngine;
import com.tikneuron.summary.service.SummaryService;

/**
 * Shows which engine answers and under which prompt version. Always up: a language model outage fails single
 * requests (refunded) and must not take replicas out of rotation, since cached summaries can still be served.
 */
@Readiness
@ApplicationScoped
public class EngineHealthCheck implements HealthCheck {

    private final SummaryService service;

    public EngineHealthCheck(SummaryService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        SummaryEngine engine = service.engine();
        return HealthCheckResponse.named("summary engine").up()
                .withData("engine", engine.name())
                .withData("model", engine.model())
                .withData("version", engine.version())
                .build();
    }
}

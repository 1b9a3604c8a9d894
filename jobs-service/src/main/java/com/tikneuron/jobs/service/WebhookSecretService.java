package com.tikneuron.jobs.service;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tikneuron.jobs.repository.WebhookRepository;
import com.tikneuron.jobs.webhook.SecretSealer;

import io.smallrye.mutiny.Uni;

/**
 * One signing secret per account: made here (256 random bits), stored sealed, shown once. A new one replaces the old
 * at once; events not yet delivered are signed with the new one.
 */
@ApplicationScoped
public class WebhookSecretService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookRepository repository;
    private final SecretSealer sealer;
    private final ObjectMapper mapper;

    WebhookSecretService(WebhookRepository repository, SecretSealer sealer, ObjectMapper mapper) {
        this.repository = repository;
        this.sealer = sealer;
        this.mapper = mapper;
    }

    public Uni<ObjectNode> rotate(JobService.Caller caller) {
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        String secret = "whsec_" + HexFormat.of().formatHex(bits);
        return repository.saveSecret(caller.accountId(), sealer.seal(caller.accountId(), secret))
                .map(ignored -> mapper.createObjectNode()
                        .put("object", "webhook_secret")
                        .put("secret", secret)
                        .put("created_at", JobViews.time(OffsetDateTime.now())));
    }
}

package com.tikneuron.diarization.messaging;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes captures, voids and free cached uses to billing. The Uni of a capture or a void completes only once the
 * broker has acknowledged the record (acks=all), so a response never claims a settlement that could still be lost.
 */
@ApplicationScoped
public class SettlementProducer {

    private static final Logger LOG = Logger.getLogger(SettlementProducer.class);

    static final String CAPABILITY = "diarization";
    private static final int REASON_LIMIT = 500;

    private final MutinyEmitter<String> emitter;
    private final MutinyEmitter<String> usage;
    private final ObjectMapper mapper;
    private final Counter failures;

    public SettlementProducer(@Channel("settlements") MutinyEmitter<String> emitter, @Channel("usage") MutinyEmitter<String> usage,
            ObjectMapper mapper, MeterRegistry registry) {
        this.emitter = emitter;
        this.usage = usage;
        this.mapper = mapper;
        // The same counter as subtitle-service's, so that one alert covers every capability service.
        this.failures = Counter.builder("tikneuron.settlement.publish.failures")
                .description("Settlement events the broker did not acknowledge")
                .register(registry);
    }

    public Uni<Void> captured(String holdId, String accountId, int amount, String videoId, String callId,
            String correlationId, String mode) {
        return send(new SettlementEvent(holdId + ":captured", "hold.captured", 1, holdId, accountId, amount, CAPABILITY,
                videoId, callId, correlationId, mode, null, now()));
    }

    public Uni<Void> voided(String holdId, String accountId, int amount, String videoId, String callId,
            String correlationId, String mode, String reason) {
        String shortReason = reason == null || reason.length() <= REASON_LIMIT ? reason : reason.substring(0, REASON_LIMIT);
        return send(new SettlementEvent(holdId + ":voided", "hold.voided", 1, holdId, accountId, amount, CAPABILITY,
                videoId, callId, correlationId, mode, shortReason, now()));
    }

    /**
     * Records a free cached answer for the usage history on the batched {@code usage} channel (same topic). No credit
     * moves with it, so the answer does not wait for the broker; a send that fails is logged.
     */
    public Uni<Void> cachedUse(String accountId, String videoId, String callId, String correlationId, String mode) {
        send(usage, new SettlementEvent("cached:" + UUID.randomUUID(), "usage.cached", 1, null, accountId, 0, CAPABILITY,
                videoId, callId, correlationId, mode, null, now())).subscribe().with(ignored -> {
                }, failure -> LOG.warnf("usage.cached for account %s was not acknowledged by Kafka: %s", accountId,
                        failure.getMessage()));
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> send(SettlementEvent event) {
        return send(emitter, event);
    }

    private Uni<Void> send(MutinyEmitter<String> channel, SettlementEvent event) {
        String json;
        try {
            json = mapper.writeValueAsString(event);
        } catch (JsonProcessingException impossible) {
            return Uni.createFrom().failure(impossible);
        }
        return channel.sendMessage(Message.of(json)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.accountId()).build()))
                .onFailure().invoke(ignored -> failures.increment());
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}

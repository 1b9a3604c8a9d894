package com.tikneuron.paid.messaging;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.paid.Caller;
import com.tikneuron.paid.billing.Hold;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes captures, voids and free cached uses to billing, keyed by account. The Uni of a capture or a void completes
 * only once the broker has acknowledged the record (acks=all), so a response never claims a settlement that could still
 * be lost. Void reasons are cut at {@value #REASON_LIMIT} characters, the same in every capability.
 */
@ApplicationScoped
public class SettlementProducer {

    private static final Logger LOG = Logger.getLogger(SettlementProducer.class);

    public static final int REASON_LIMIT = 500;

    private final MutinyEmitter<String> settlements;
    private final MutinyEmitter<String> usage;
    private final ObjectMapper mapper;
    private final Counter failures;

    public SettlementProducer(@Channel("settlements") MutinyEmitter<String> settlements,
            @Channel("usage") MutinyEmitter<String> usage, ObjectMapper mapper, MeterRegistry registry) {
        this.settlements = settlements;
        this.usage = usage;
        this.mapper = mapper;
        // One counter for every capability service, so that one alert covers them all.
        this.failures = Counter.builder("tikneuron.settlement.publish.failures")
                .description("Settlement events the broker did not acknowledge")
                .register(registry);
    }

    public Uni<Void> captured(String capability, Hold hold, String videoId, Caller caller) {
        return send(settlements, new SettlementEvent(hold.holdId() + ":captured", "hold.captured", 1, hold.holdId(),
                caller.accountId(), hold.amount(), capability, videoId, caller.callId(), caller.correlationId(),
                caller.mode(), null, now()));
    }

    public Uni<Void> voided(String capability, Hold hold, String videoId, Caller caller, String reason) {
        return send(settlements, new SettlementEvent(hold.holdId() + ":voided", "hold.voided", 1, hold.holdId(),
                caller.accountId(), hold.amount(), capability, videoId, caller.callId(), caller.correlationId(),
                caller.mode(), shortened(reason), now()));
    }

    /**
     * Records a free cached answer for the usage history. No credit moves with it, so the answer does not wait for the
     * broker and a cached hit stays as fast as the cache; a send that fails is logged. It goes out on the batched
     * {@code usage} channel (same topic).
     */
    public void cachedUse(String capability, String videoId, Caller caller) {
        send(usage, new SettlementEvent("cached:" + UUID.randomUUID(), "usage.cached", 1, null, caller.accountId(), 0,
                capability, videoId, caller.callId(), caller.correlationId(), caller.mode(), null, now()))
                .subscribe().with(ignored -> {
                }, failure -> LOG.warnf("usage.cached for account %s was not acknowledged by Kafka: %s",
                        caller.accountId(), failure.getMessage()));
    }

    static String shortened(String reason) {
        return reason == null || reason.length() <= REASON_LIMIT ? reason : reason.substring(0, REASON_LIMIT);
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

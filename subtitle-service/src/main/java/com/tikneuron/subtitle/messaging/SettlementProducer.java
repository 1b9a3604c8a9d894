package com.tikneuron.subtitle.messaging;

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
 * Publishes settlements to billing: captured (the debit), voided (the refund), cached (a free answer for the
 * usage history). Each returned Uni completes only once the broker has acknowledged the record (acks=all), so a
 * response never goes out before its settlement is durable. A failure is logged and counted; a void or a cached use
 * that fails is not thrown at the customer (an unsettled hold expires in the customer's favour), a capture that
 * fails is: the request then fails instead of succeeding unpaid.
 */
@ApplicationScoped
public class SettlementProducer {

    private static final Logger LOG = Logger.getLogger(SettlementProducer.class);
    private static final String CAPABILITY = "subtitle";

    private final MutinyEmitter<String> emitter;
    private final MutinyEmitter<String> usage;
    private final ObjectMapper mapper;
    private final Counter failures;

    public SettlementProducer(@Channel("settlements") MutinyEmitter<String> emitter, @Channel("usage") MutinyEmitter<String> usage,
            ObjectMapper mapper, MeterRegistry registry) {
        this.emitter = emitter;
        this.usage = usage;
        this.mapper = mapper;
        this.failures = Counter.builder("tikneuron.settlement.publish.failures")
                .description("Settlement events the broker did not acknowledge")
                .register(registry);
    }

    /**
     * The debit. Unlike the other events, a capture the broker did not acknowledge fails the returned Uni: a
     * success must never be answered without its charge on record.
     */
    public Uni<Void> captured(String holdId, String accountId, int amount, String videoId, String callId,
            String correlationId, String mode) {
        return send(new SettlementEvent(holdId + ":captured", "hold.captured", 1, holdId, accountId, amount, CAPABILITY,
                videoId, callId, correlationId, mode, null, now()));
    }

    public Uni<Void> voided(String holdId, String accountId, int amount, String videoId, String callId,
            String correlationId, String mode, String reason) {
        return publish(new SettlementEvent(holdId + ":voided", "hold.voided", 1, holdId, accountId, amount, CAPABILITY,
                videoId, callId, correlationId, mode, reason, now()));
    }

    /**
     * Records a free cached answer for the usage history. No credit moves with it, so the answer does not wait for
     * the broker and a cached hit stays as fast as the cache; a send that fails is counted and logged all the same. It
     * goes out on the batched {@code usage} channel (same topic).
     */
    public Uni<Void> cached(String accountId, String videoId, String callId, String correlationId, String mode) {
        send(usage, new SettlementEvent("cached:" + UUID.randomUUID(), "usage.cached", 1, null, accountId, 0, CAPABILITY,
                videoId, callId, correlationId, mode, null, now())).subscribe().with(ignored -> {
                }, ignored -> {
                });
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> publish(SettlementEvent event) {
        return send(emitter, event).onFailure().recoverWithNull();
    }

    private Uni<Void> send(SettlementEvent event) {
        return send(emitter, event);
    }

    private Uni<Void> send(MutinyEmitter<String> channel, SettlementEvent event) {
        String json;
        try {
            json = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Message<String> message = Message.of(json)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.accountId()).build());
        return channel.sendMessage(message)
                .onFailure().invoke(e -> {
                    failures.increment();
                    LOG.errorf("settlement %s (%s) was not acknowledged by Kafka: %s", event.eventId(), event.type(), e.getMessage());
                });
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}

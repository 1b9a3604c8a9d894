package com.tikneuron.billing.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.billing.service.BillingMetrics;
import com.tikneuron.billing.service.SettlementEvent;
import com.tikneuron.billing.service.SettlementEvent.UndecodableEvent;
import com.tikneuron.billing.service.SettlementService;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Consumes settlement events in batches. A batch is applied in one database transaction and acknowledged only
 * after it committed, so a crash between the two replays the batch, and replays are no-ops. Database failures are
 * retried until they pass, never skipped; messages that cannot be decoded go to the dead-letter topic.
 */
@ApplicationScoped
public class SettlementConsumer {

    private static final Logger LOG = Logger.getLogger(SettlementConsumer.class);

    private final SettlementService settlements;
    private final MutinyEmitter<String> deadLetters;
    private final ObjectMapper mapper;
    private final BillingMetrics metrics;

    public SettlementConsumer(SettlementService settlements, @Channel("settlements-dlq") MutinyEmitter<String> deadLetters,
            ObjectMapper mapper, BillingMetrics metrics) {
        this.settlements = settlements;
        this.deadLetters = deadLetters;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("settlements")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<SettlementEvent> events = new ArrayList<>();
        List<Uni<Void>> deadLettered = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                events.add(decode(record.getPayload()));
            } catch (UndecodableEvent e) {
                deadLettered.add(deadLetter(record, e.getMessage()));
            }
        }
        Uni<Void> sentToDeadLetters = deadLettered.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(deadLettered).andFailFast().replaceWithVoid();
        return sentToDeadLetters
                .flatMap(ignored -> settlements.apply(events)
                        .onFailure().invoke(failure -> LOG.warnf("could not apply %d settlement events, retrying: %s",
                                events.size(), failure.getMessage()))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely())
                .flatMap(ignored -> Uni.createFrom().completionStage(batch::ack));
    }

    private SettlementEvent decode(String payload) {
        if (payload == null) {
            throw new UndecodableEvent("empty message");
        }
        try {
            return SettlementEvent.from(mapper.readTree(payload));
        } catch (JacksonException e) {
            throw new UndecodableEvent("not JSON");
        }
    }

    private Uni<Void> deadLetter(KafkaRecord<String, String> record, String reason) {
        metrics.deadLettered();
        String origin = record.getTopic() + "-" + record.getPartition() + "@" + record
                .getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
        LOG.warnf("settlement message %s sent to the dead-letter topic: %s", origin, reason);
        KafkaRecord<String, String> letter = KafkaRecord.of(record.getKey(), record.getPayload() == null ? "" : record.getPayload())
                .withHeader("x-dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8))
                .withHeader("x-original-offset", origin.getBytes(StandardCharsets.UTF_8));
        return deadLetters.sendMessage(letter);
    }
}

package com.tikneuron.billing;

import static com.tikneuron.billing.BillingTestSupport.available;
import static com.tikneuron.billing.BillingTestSupport.hold;
import static com.tikneuron.billing.BillingTestSupport.holdEvent;
import static com.tikneuron.billing.BillingTestSupport.openAccount;
import static com.tikneuron.billing.BillingTestSupport.patience;
import static com.tikneuron.billing.BillingTestSupport.reserved;
import static com.tikneuron.billing.BillingTestSupport.send;
import static com.tikneuron.billing.repository.SettlementOutcome.APPLIED;
import static com.tikneuron.billing.repository.SettlementOutcome.DUPLICATE;
import static com.tikneuron.billing.repository.SettlementOutcome.LATE;
import static com.tikneuron.billing.repository.SettlementOutcome.MISMATCH;
import static com.tikneuron.billing.repository.SettlementOutcome.UNKNOWN_HOLD;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.billing.repository.SettlementOutcome;
import com.tikneuron.billing.service.HoldExpiryJob;
import com.tikneuron.billing.service.SettlementEvent;
import com.tikneuron.billing.service.SettlementService;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class SettlementTest {

    static KafkaProducer<String, String> producer;

    @Inject
    SettlementService settlements;

    @Inject
    HoldExpiryJob expiry;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void connect() {
        producer = BillingTestSupport.producer();
    }

    @AfterAll
    static void disconnect() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void aCaptureMakesTheDebitFinalAndADuplicateChangesNothing() {
        String account = openAccount(10);
        String holdId = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, account, 2, "live"));

        send(producer, account, holdEvent("hold.captured", holdId, account, 2));
        await().atMost(patience()).until(() -> reserved(account) == 0);
        assertEquals(8, available(account));

        send(producer, account, holdEvent("hold.captured", holdId, account, 2));
        send(producer, account, holdEvent("hold.voided", holdId, account, 2));
        String marker = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(marker, account, 1, "live"));
        send(producer, account, holdEvent("hold.voided", marker, account, 1));
        // Events of one account share a partition: once the later marker is applied, the duplicates were too.
        await().atMost(patience()).until(() -> reserved(account) == 0 && available(account) == 8);
        assertEquals(1, countOutcome(holdId + ":captured", "applied"));
        assertEquals(1, countOutcome(holdId + ":voided", "late"));
    }

    @Test
    void aVoidRefundsAndALaterCaptureCannotChargeIt() {
        String account = openAccount(10);
        String holdId = "diarization:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, account, 10, "live"));
        assertEquals(0, available(account));

        send(producer, account, holdEvent("hold.voided", holdId, account, 10));
        send(producer, account, holdEvent("hold.captured", holdId, account, 10));
        await().atMost(patience()).until(() -> countOutcome(holdId + ":captured", "late") == 1);
        assertEquals(10, available(account));
        assertEquals(0, reserved(account));
    }

    @Test
    void anExpiredHoldReturnsItsCreditsAndALateCaptureStillChargesThem() {
        String account = openAccount(5);
        String holdId = "subtitle:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, account, 1, "live"));
        pool.preparedQuery("UPDATE billing.holds SET expires_at = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(holdId)).await().indefinitely();

        assertTrue(expiry.expireDue().await().atMost(Duration.ofSeconds(10)) >= 1);
        assertEquals(5, available(account));
        assertEquals(0, reserved(account));

        // The work was done and the answer said "charged": the capture still charges, marked late (V8).
        send(producer, account, holdEvent("hold.captured", holdId, account, 1));
        await().atMost(patience()).until(() -> countOutcome(holdId + ":captured", "late_captured") == 1);
        assertEquals(4, available(account));
        assertEquals(0, reserved(account));
        assertEquals("captured", holdStatus(holdId));
    }

    @Test
    void testModeHoldsSettleWithoutMovingTheBalance() {
        String account = openAccount(4);
        String holdId = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, account, 2, "test"));
        send(producer, account, holdEvent("hold.captured", holdId, account, 2));
        await().atMost(patience()).until(() -> "captured".equals(holdStatus(holdId)));
        assertEquals(4, available(account));
        assertEquals(0, reserved(account));
    }

    @Test
    void eventsAppliedButNotYetAcknowledgedAreHarmlessWhenRedelivered() {
        // What a consumer killed between its database commit and its offset commit leaves behind: events applied
        // in the database that Kafka will deliver again.
        String account = openAccount(20);
        List<String> holdIds = new ArrayList<>();
        List<SettlementEvent> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String holdId = "summary:" + UUID.randomUUID();
            holdIds.add(holdId);
            assertEquals(201, hold(holdId, account, 2, "live"));
            batch.add(decode(holdEvent(i % 2 == 0 ? "hold.captured" : "hold.voided", holdId, account, 2)));
        }
        settlements.apply(batch).await().atMost(Duration.ofSeconds(10));
        assertEquals(14, available(account));
        assertEquals(0, reserved(account));

        for (int i = 0; i < 5; i++) {
            send(producer, account, holdEvent(i % 2 == 0 ? "hold.captured" : "hold.voided", holdIds.get(i), account, 2));
        }
        String marker = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(marker, account, 1, "live"));
        send(producer, account, holdEvent("hold.captured", marker, account, 1));
        await().atMost(patience()).until(() -> "captured".equals(holdStatus(marker)));
        assertEquals(13, available(account));
        assertEquals(0, reserved(account));
    }

    @Test
    void replayingTheWholeTopicFromOffsetZeroChangesNoBalance() {
        String account = openAccount(30);
        for (int i = 0; i < 6; i++) {
            String holdId = "subtitle:" + UUID.randomUUID();
            assertEquals(201, hold(holdId, account, 1, "live"));
            send(producer, account, holdEvent(i < 4 ? "hold.captured" : "hold.voided", holdId, account, 1));
        }
        await().atMost(patience()).until(() -> reserved(account) == 0);
        String before = balances();

        List<SettlementEvent> everything = readTopicFromTheBeginning();
        assertTrue(everything.size() >= 6);
        for (int from = 0; from < everything.size(); from += 500) {
            settlements.apply(everything.subList(from, Math.min(everything.size(), from + 500)))
                    .await().atMost(Duration.ofSeconds(30));
        }
        assertEquals(before, balances());
        assertEquals(26, available(account));
        assertEquals(0L, pool.query("SELECT count(*) AS n FROM billing.invariant_violations").execute()
                .await().indefinitely().iterator().next().getLong("n"));
    }

    @Test
    void aBatchSettlesEachHoldOnceAndAnswersForEveryEventInOrder() {
        String first = openAccount(20);
        String second = openAccount(10);
        String captured = "summary:" + UUID.randomUUID();
        String voided = "summary:" + UUID.randomUUID();
        String contested = "summary:" + UUID.randomUUID();
        String testMode = "summary:" + UUID.randomUUID();
        String unknown = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(captured, first, 3, "live"));
        assertEquals(201, hold(voided, first, 4, "live"));
        assertEquals(201, hold(contested, second, 5, "live"));
        assertEquals(201, hold(testMode, first, 2, "test"));
        String run = UUID.randomUUID().toString();

        List<SettlementEvent> batch = List.of(
                event(run + ":1", "hold.captured", captured, first),
                event(run + ":1", "hold.captured", captured, first),
                event(run + ":2", "hold.voided", captured, first),
                event(run + ":3", "hold.voided", voided, first),
                decode("""
                        {"event_id":"%s:4","type":"usage.cached","version":1,"account_id":"%s","capability":"summary",
                         "video_id":"7354861484037524768","occurred_at":"%s"}
                        """.formatted(run, first, BillingTestSupport.now())),
                event(run + ":5", "hold.captured", contested, first),
                event(run + ":6", "hold.voided", contested, second),
                event(run + ":7", "hold.captured", contested, second),
                event(run + ":8", "hold.captured", unknown, second),
                event(run + ":9", "hold.captured", testMode, first));
        List<SettlementOutcome> outcomes = settlements.apply(batch).await().atMost(Duration.ofSeconds(10)).stream()
                .map(row -> row.outcome()).toList();

        assertEquals(List.of(APPLIED, DUPLICATE, LATE, APPLIED, APPLIED, MISMATCH, APPLIED, LATE, UNKNOWN_HOLD, APPLIED),
                outcomes);
        assertEquals(17, available(first));
        assertEquals(0, reserved(first));
        assertEquals(10, available(second));
        assertEquals(0, reserved(second));
        assertEquals("captured", holdStatus(captured));
        assertEquals("voided", holdStatus(voided));
        assertEquals("voided", holdStatus(contested));
        assertEquals("captured", holdStatus(testMode));
        assertEquals(1, countOutcome(run + ":2", "late"));
        assertEquals(1, countOutcome(run + ":5", "mismatch"));
        assertEquals(1, countOutcome(run + ":8", "unknown_hold"));
        assertEquals(List.of("hold", "capture"), ledgerKinds(captured));
        assertEquals(List.of("hold", "void"), ledgerKinds(voided));
        assertEquals(List.of("hold", "void"), ledgerKinds(contested));
        assertEquals(List.of(), ledgerKinds(testMode));
        assertEquals(0L, invariantViolations());
    }

    @Test
    void twoDeliveriesOfOneBatchAtOnceApplyEachEventOnce() {
        // What a rebalance can cause: the previous owner of a partition and the new one apply the same records
        // at the same time.
        String account = openAccount(100);
        List<SettlementEvent> batch = new ArrayList<>();
        List<String> holdIds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String holdId = "subtitle:" + UUID.randomUUID();
            holdIds.add(holdId);
            assertEquals(201, hold(holdId, account, 1, "live"));
            batch.add(decode(holdEvent(i % 4 == 0 ? "hold.voided" : "hold.captured", holdId, account, 1)));
        }
        List<List<SettlementOutcome>> answers = Uni.join()
                .all(settlements.apply(batch), settlements.apply(batch)).andFailFast()
                .await().atMost(Duration.ofSeconds(30)).stream()
                .map(rows -> rows.stream().map(row -> row.outcome()).toList())
                .toList();

        for (int i = 0; i < batch.size(); i++) {
            List<SettlementOutcome> both = List.of(answers.get(0).get(i), answers.get(1).get(i));
            assertTrue(both.contains(APPLIED) && both.contains(DUPLICATE), "event " + i + ": " + both);
        }
        assertEquals(70, available(account));
        assertEquals(0, reserved(account));
        for (String holdId : holdIds) {
            assertEquals(2, ledgerKinds(holdId).size(), holdId);
        }
        assertEquals(0L, invariantViolations());
    }

    private SettlementEvent event(String eventId, String type, String holdId, String account) {
        return decode("""
                {"event_id":"%s","type":"%s","version":1,"hold_id":"%s","account_id":"%s","amount":1,
                 "capability":"summary","reason":"test","occurred_at":"%s"}
                """.formatted(eventId, type, holdId, account, BillingTestSupport.now()));
    }

    private List<String> ledgerKinds(String holdId) {
        List<String> kinds = new ArrayList<>();
        pool.preparedQuery("SELECT kind FROM billing.ledger_entries WHERE hold_id = $1 ORDER BY id")
                .execute(Tuple.of(holdId)).await().indefinitely()
                .forEach(row -> kinds.add(row.getString("kind")));
        return kinds;
    }

    private long invariantViolations() {
        return pool.query("SELECT count(*) AS n FROM billing.invariant_violations").execute()
                .await().indefinitely().iterator().next().getLong("n");
    }

    private List<SettlementEvent> readTopicFromTheBeginning() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<SettlementEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(BillingTestSupport.TOPIC)) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertTrue(System.nanoTime() < deadline, "could not read the topic in time");
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        events.add(SettlementEvent.from(mapper.readTree(record.value())));
                    } catch (Exception undecodable) {
                        // Dead letters of other tests: the consumer never applies them either.
                    }
                }
            }
        }
        return events;
    }

    private String balances() {
        StringBuilder all = new StringBuilder();
        pool.query("SELECT id, available, reserved, granted, captured FROM billing.accounts ORDER BY id").execute()
                .await().indefinitely()
                .forEach(row -> all.append(row.getUUID("id")).append(':').append(row.getLong("available")).append('/')
                        .append(row.getLong("reserved")).append('/').append(row.getLong("captured")).append('\n'));
        return all.toString();
    }

    private SettlementEvent decode(String json) {
        try {
            return SettlementEvent.from(mapper.readTree(json));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private long countOutcome(String eventId, String outcome) {
        return pool.preparedQuery("SELECT count(*) AS n FROM billing.processed_events WHERE event_id = $1 AND outcome = $2")
                .execute(Tuple.of(eventId, outcome)).await().indefinitely().iterator().next().getLong("n");
    }

    private String holdStatus(String holdId) {
        var rows = pool.preparedQuery("SELECT status FROM billing.holds WHERE id = $1").execute(Tuple.of(holdId))
                .await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getString("status");
    }
}

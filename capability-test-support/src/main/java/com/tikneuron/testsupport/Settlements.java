package com.tikneuron.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the settlements topic on the real broker from "now" on, as billing-service would: billing.settlements, or the
 * topic named by TIKNEURON_SETTLEMENTS_TOPIC (the services under test publish to the same one), on the broker named by
 * TIKNEURON_KAFKA_BOOTSTRAP (127.0.0.1:9092 when unset), as the test profiles name it.
 */
public class Settlements implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The topic the services under test publish settlements to. */
    public static final String TOPIC = System.getenv().getOrDefault("TIKNEURON_SETTLEMENTS_TOPIC", "billing.settlements");

    /** One record: its key and parsed value. */
    public record Event(String key, JsonNode value) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Event> seen = new ArrayList<>();

    public Settlements() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getenv().getOrDefault("TIKNEURON_KAFKA_BOOTSTRAP", "127.0.0.1:9092"));
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = List.of();
        // A private topic may not exist yet: asking for it creates it, and its partitions appear shortly after.
        for (int attempt = 0; attempt < 50 && partitions.isEmpty(); attempt++) {
            partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (partitions.isEmpty()) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + TOPIC + " has no partitions");
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        ends.forEach(consumer::seek);
    }

    /** Events keyed by this account seen so far, after one more poll. */
    public synchronized List<Event> forAccount(String accountId) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            try {
                seen.add(new Event(record.key(), JSON.readTree(record.value())));
            } catch (java.io.IOException notJson) {
                seen.add(new Event(record.key(), null));
            }
        }
        return seen.stream().filter(event -> accountId.equals(event.key())).toList();
    }

    /**
     * The values of the events keyed by this account seen so far, after one more poll, each checked first: it must meet
     * contracts/events/settlement-event.schema.json and name the account it is keyed by.
     */
    public List<JsonNode> values(String accountId) {
        List<JsonNode> values = new ArrayList<>();
        for (Event event : forAccount(accountId)) {
            if (event.value() == null) {
                throw new AssertionError("settlement event of " + accountId + " is not JSON");
            }
            Set<String> violations = SettlementSchema.violations(event.value());
            if (!violations.isEmpty()) {
                throw new AssertionError("settlement event breaks the contract: " + violations + " in " + event.value());
            }
            if (!accountId.equals(event.value().path("account_id").asText())) {
                throw new AssertionError("settlement event keyed by " + accountId + " names another account: "
                        + event.value());
            }
            values.add(event.value());
        }
        return values;
    }

    /** How many checked events of this type, keyed by this account, were seen so far, after one more poll. */
    public long count(String accountId, String type) {
        return values(accountId).stream().filter(event -> type.equals(event.path("type").asText())).count();
    }

    @Override
    public void close() {
        consumer.close();
    }
}

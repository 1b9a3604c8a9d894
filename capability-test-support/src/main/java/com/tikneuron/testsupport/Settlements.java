package com.tikneuron.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the settlements topic on the real broker from "now" on, as billing-service would: billing.settlements, or the
 * topic named by TIKNEURON_SETTLEMENTS_TOPIC (the services under test publish to the same one).
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
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
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

    @Override
    public void close() {
        consumer.close();
    }
}

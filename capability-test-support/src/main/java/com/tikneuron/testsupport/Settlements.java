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

/** Reads billing.settlements on the real broker from "now" on, as billing-service would. */
public class Settlements implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        List<TopicPartition> partitions = consumer.partitionsFor("billing.settlements", Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
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

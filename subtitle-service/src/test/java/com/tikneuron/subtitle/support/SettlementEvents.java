package com.tikneuron.subtitle.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Reads what was really published on billing.settlements from the moment it is opened, checking every event against
 * contracts/events/settlement-event.schema.json and that its record key is the account id.
 */
public final class SettlementEvents implements AutoCloseable {

    // The topic the service writes to: a test run may have one of its own (TIKNEURON_SETTLEMENTS_TOPIC).
    private static final String TOPIC = System.getenv().getOrDefault("TIKNEURON_SETTLEMENTS_TOPIC", "billing.settlements");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = schema();

    private final KafkaConsumer<String, String> consumer;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    public SettlementEvents() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("kafka.bootstrap.servers",
                System.getenv().getOrDefault("TIKNEURON_KAFKA_BOOTSTRAP", "127.0.0.1:9092")));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "subtitle-tests-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Every event published for this account since opening, polling the broker first. */
    public List<JsonNode> forAccount(String accountId) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            JsonNode event = read(record.value());
            Set<ValidationMessage> problems = SCHEMA.validate(event);
            if (!problems.isEmpty()) {
                throw new AssertionError("settlement event breaks the contract: " + problems + " in " + record.value());
            }
            if (!event.path("account_id").asText().equals(record.key())) {
                throw new AssertionError("settlement event not keyed by its account: " + record.key());
            }
            events.add(event);
        }
        List<JsonNode> mine = new ArrayList<>();
        events.stream().filter(e -> e.path("account_id").asText().equals(accountId)).forEach(mine::add);
        return mine;
    }

    public long count(String accountId, String type) {
        return forAccount(accountId).stream().filter(e -> e.path("type").asText().equals(type)).count();
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema schema() {
        try {
            String text = Files.readString(Path.of("..", "contracts", "events", "settlement-event.schema.json"));
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}

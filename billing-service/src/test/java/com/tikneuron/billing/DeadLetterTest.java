package com.tikneuron.billing;

import static com.tikneuron.billing.BillingTestSupport.available;
import static com.tikneuron.billing.BillingTestSupport.hold;
import static com.tikneuron.billing.BillingTestSupport.holdEvent;
import static com.tikneuron.billing.BillingTestSupport.openAccount;
import static com.tikneuron.billing.BillingTestSupport.patience;
import static com.tikneuron.billing.BillingTestSupport.reserved;
import static com.tikneuron.billing.BillingTestSupport.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DeadLetterTest {

    /** /q/metrics: the management interface serves under /q, on a port of its own (never the API port). */
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void undecodableMessagesGoToTheDeadLetterTopicAndTheConsumerCarriesOn() {
        String account = openAccount(10);
        String tag = UUID.randomUUID().toString();
        List<String> poison = List.of(
                "not json " + tag,
                "{\"event_id\":\"" + tag + "\",\"type\":\"hold.refunded\",\"version\":1}",
                "{\"event_id\":\"" + tag + "-2\",\"type\":\"hold.captured\",\"version\":1,\"hold_id\":\"h\","
                        + "\"account_id\":\"not-a-uuid\",\"amount\":1,\"capability\":\"summary\",\"occurred_at\":\"x\"}",
                "{\"event_id\":\"" + tag + "-3\",\"type\":\"hold.captured\",\"version\":1,\"hold_id\":\"h\","
                        + "\"account_id\":\"" + account + "\",\"amount\":-5,\"capability\":\"summary\","
                        + "\"occurred_at\":\"2026-01-01T00:00:00Z\"}");
        double deadBefore = deadLettered();
        String holdId = "summary:" + UUID.randomUUID();
        assertEquals(201, hold(holdId, account, 2, "live"));
        try (KafkaProducer<String, String> producer = BillingTestSupport.producer()) {
            for (String message : poison) {
                send(producer, account, message);
            }
            send(producer, account, holdEvent("hold.captured", holdId, account, 2));
        }

        await().atMost(patience()).until(() -> reserved(account) == 0);
        assertEquals(8, available(account));
        assertEquals(poison.size(), deadLettered() - deadBefore, 0.0001);
        Set<String> letters = readDeadLetters(tag);
        assertEquals(Set.copyOf(poison), letters);
    }

    private double deadLettered() {
        String text = given().get(metrics).then().statusCode(200).extract().asString();
        return text.lines()
                .filter(line -> line.startsWith("tikneuron_billing_settlements_dead_lettered_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static Set<String> readDeadLetters(String tag) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Set<String> found = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("billing.settlements.dlq"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < 4 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().contains(tag)) {
                        found.add(record.value());
                    }
                }
            }
        }
        return found;
    }
}

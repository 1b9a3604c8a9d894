package com.tikneuron.billing;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** What billing tests share: accounts through the admin API, holds, balances, and events sent to the real broker. */
public final class BillingTestSupport {

    public static final String ADMIN = "Bearer test-profile-admin-token-not-a-secret";
    // The topic billing consumes in this run (TIKNEURON_SETTLEMENTS_TOPIC keeps concurrent runs apart).
    public static final String TOPIC = System.getenv().getOrDefault("TIKNEURON_SETTLEMENTS_TOPIC", "billing.settlements");

    private BillingTestSupport() {
    }

    public static String openAccount(long credits) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "acct-" + UUID.randomUUID(), "credits", credits))
                .when().post("/admin/v1/accounts")
                .then().statusCode(201).extract().path("id");
    }

    public static int hold(String holdId, String accountId, long amount, String mode) {
        return hold(holdId, accountId, amount, mode, "req-" + holdId);
    }

    /** A hold of the call {@code callId} (the hold request's request_id, as the capability services send it). */
    public static int hold(String holdId, String accountId, long amount, String mode, String callId) {
        return hold(holdId, accountId, amount, mode, callId, null);
    }

    /** A hold of the call {@code callId} that the client knows by {@code correlationId} (its X-Request-Id). */
    public static int hold(String holdId, String accountId, long amount, String mode, String callId,
            String correlationId) {
        Map<String, Object> body = new HashMap<>(Map.of("hold_id", holdId, "account_id", accountId, "amount", amount,
                "capability", "summary", "video_id", "7354861484037524768", "request_id", callId, "mode", mode));
        if (correlationId != null) {
            body.put("correlation_id", correlationId);
        }
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/internal/v1/holds")
                .then().extract().statusCode();
    }

    public static JsonPath balance(String accountId) {
        return given().when().get("/internal/v1/accounts/" + accountId + "/balance")
                .then().statusCode(200).extract().jsonPath();
    }

    public static long available(String accountId) {
        return balance(accountId).getLong("credits");
    }

    public static long reserved(String accountId) {
        return balance(accountId).getLong("reserved");
    }

    public static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    public static void send(KafkaProducer<String, String> producer, String accountId, String json) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, accountId, json)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not publish to " + TOPIC, e);
        }
    }

    public static String holdEvent(String type, String holdId, String accountId, long amount) {
        String suffix = type.equals("hold.captured") ? "captured" : "voided";
        return """
                {"event_id":"%s:%s","type":"%s","version":1,"hold_id":"%s","account_id":"%s","amount":%d,
                 "capability":"summary","video_id":"7354861484037524768","reason":"test","occurred_at":"%s"}
                """.formatted(holdId, suffix, type, holdId, accountId, amount, now());
    }

    /** A call id of the gateway's shape: call_ and 32 lowercase hex characters. */
    public static String newCallId() {
        return "call_" + UUID.randomUUID().toString().replace("-", "");
    }

    public static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }

    public static Duration patience() {
        return Duration.ofSeconds(30);
    }
}

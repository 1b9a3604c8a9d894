package com.tikneuron.deploy;

import static com.tikneuron.deploy.Manifests.list;
import static com.tikneuron.deploy.Manifests.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Kafka wants a SCRAM login from every client, and each service's KafkaUser may do only its part of the settlement flow. */
class KafkaSecurityTest {

    private static final String SETTLEMENTS = "billing.settlements";
    private static final String DLQ = "billing.settlements.dlq";
    private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();
    private static final List<String> PRODUCERS = List.of("subtitle-service", "summary-service", "diarization-service");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyListenerRequiresScramAndTheBrokersEnforceAcls(String overlay) {
        List<Map<String, Object>> docs = rendered(overlay);
        Map<String, Object> kafka = Manifests.find(docs, "Kafka", "tikneuron").orElseThrow();
        List<Object> listeners = list(kafka, "spec", "kafka", "listeners");
        assertFalse(listeners.isEmpty());
        for (Object listener : listeners) {
            assertEquals("scram-sha-512", map(listener, "authentication").get("type"), "listener " + map(listener).get("name"));
        }
        assertEquals("simple", map(kafka, "spec", "kafka", "authorization").get("type"));
        assertTrue(map(kafka, "spec", "entityOperator").containsKey("userOperator"), "the User Operator creates the KafkaUsers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void producersWriteOnlyTheSettlementsTopic(String overlay) {
        List<Map<String, Object>> docs = rendered(overlay);
        for (String producer : PRODUCERS) {
            assertEquals(Set.of("topic:" + SETTLEMENTS + ":Write", "topic:" + SETTLEMENTS + ":Describe", "cluster:IdempotentWrite"),
                    grants(user(docs, producer)), producer);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void billingAloneReadsSettlementsAndAloneWritesTheDeadLetters(String overlay) {
        List<Map<String, Object>> docs = rendered(overlay);
        assertEquals(Set.of("topic:" + SETTLEMENTS + ":Read", "topic:" + SETTLEMENTS + ":Describe",
                        "group:billing-service:Read", "group:billing-service:Describe",
                        "topic:" + DLQ + ":Write", "topic:" + DLQ + ":Describe", "cluster:IdempotentWrite"),
                grants(user(docs, "billing-service")));
        Set<String> readers = new TreeSet<>();
        Set<String> settlementWriters = new TreeSet<>();
        Set<String> deadLetterWriters = new TreeSet<>();
        for (Map<String, Object> user : Manifests.ofKind(docs, "KafkaUser")) {
            Set<String> grants = grants(user);
            if (allows(grants, SETTLEMENTS, "Read")) {
                readers.add(Manifests.name(user));
            }
            if (allows(grants, SETTLEMENTS, "Write")) {
                settlementWriters.add(Manifests.name(user));
            }
            if (allows(grants, DLQ, "Write")) {
                deadLetterWriters.add(Manifests.name(user));
            }
        }
        assertEquals(Set.of("billing-service"), readers);
        assertEquals(new TreeSet<>(PRODUCERS), settlementWriters);
        assertEquals(Set.of("billing-service"), deadLetterWriters);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyAclNamesATopicThatExists(String overlay) {
        List<Map<String, Object>> docs = rendered(overlay);
        Set<Object> topics = Manifests.ofKind(docs, "KafkaTopic").stream().map(t -> map(t, "spec").get("topicName"))
                .collect(Collectors.toSet());
        for (Map<String, Object> user : Manifests.ofKind(docs, "KafkaUser")) {
            assertEquals("tikneuron", map(user, "metadata", "labels").get("strimzi.io/cluster"), Manifests.name(user));
            assertEquals("scram-sha-512", map(user, "spec", "authentication").get("type"), Manifests.name(user));
            for (Object acl : list(user, "spec", "authorization", "acls")) {
                Map<String, Object> resource = map(acl, "resource");
                if ("topic".equals(resource.get("type"))) {
                    assertTrue(topics.contains(resource.get("name")), Manifests.name(user) + " names " + resource.get("name"));
                    assertEquals("literal", resource.get("patternType"), "no prefix grants: " + Manifests.name(user));
                }
            }
        }
    }

    /** Each Kafka client logs in with its own user's Secret, over the protocol the listener speaks. */
    @ParameterizedTest
    @CsvSource({"subtitle-service", "summary-service", "diarization-service", "billing-service", "jobs-service"})
    void everyKafkaClientLogsInAsItsOwnUser(String service) {
        List<Map<String, Object>> docs = rendered("prod");
        Map<String, Object> deployment = Manifests.find(docs, "Deployment", service).orElseThrow();
        assertEquals("true", map(deployment, "spec", "template", "metadata", "labels").get("tikneuron.io/kafka-client"));
        Map<String, Object> container = map(list(deployment, "spec", "template", "spec", "containers").getFirst());
        assertEquals(Map.of("name", service, "key", "sasl.jaas.config"),
                map(ProdOverlayTest.env(container, "KAFKA_SASL_JAAS_CONFIG"), "valueFrom", "secretKeyRef"), service);
        assertTrue(Manifests.find(docs, "KafkaUser", service).isPresent(), service);
        Map<String, Object> config = map(Manifests.find(docs, "ConfigMap", service + "-config").orElseThrow(), "data");
        Map<String, Object> listener = map(list(Manifests.find(docs, "Kafka", "tikneuron").orElseThrow(), "spec", "kafka", "listeners")
                .getFirst());
        assertEquals(Boolean.TRUE.equals(listener.get("tls")) ? "SASL_SSL" : "SASL_PLAINTEXT", config.get("KAFKA_SECURITY_PROTOCOL"), service);
        assertEquals("SCRAM-SHA-512", config.get("KAFKA_SASL_MECHANISM"), service);
        assertTrue(String.valueOf(config.get("TIKNEURON_KAFKA_BOOTSTRAP")).endsWith(":" + listener.get("port")), service);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void exactlyTheFiveKafkaClientsHaveUsers(String overlay) {
        List<Map<String, Object>> docs = rendered(overlay);
        assertEquals(Set.of("billing-service", "subtitle-service", "summary-service", "diarization-service", "jobs-service"),
                Manifests.ofKind(docs, "KafkaUser").stream().map(Manifests::name).collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void jobsServiceAloneReadsAndWritesTheJobsTopic(String overlay) {
        List<Map<String, Object>> docs = rendered(overlay);
        assertEquals(Set.of("topic:jobs.queued:Read", "topic:jobs.queued:Write", "topic:jobs.queued:Describe",
                        "group:jobs-service:Read", "group:jobs-service:Describe", "cluster:IdempotentWrite"),
                grants(user(docs, "jobs-service")));
        for (Map<String, Object> user : Manifests.ofKind(docs, "KafkaUser")) {
            if (!Manifests.name(user).equals("jobs-service")) {
                assertTrue(!allows(grants(user), "jobs.queued", "Read") && !allows(grants(user), "jobs.queued", "Write"),
                        Manifests.name(user));
            }
        }
    }

    private static List<Map<String, Object>> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> Manifests.render(Manifests.overlay(name)));
    }

    private static Map<String, Object> user(List<Map<String, Object>> docs, String name) {
        return Manifests.find(docs, "KafkaUser", name).orElseThrow(() -> new AssertionError("no KafkaUser " + name));
    }

    /** Every allowed operation as type:name:operation (cluster:operation for the cluster). */
    private static Set<String> grants(Map<String, Object> user) {
        Set<String> grants = new TreeSet<>();
        for (Object acl : list(user, "spec", "authorization", "acls")) {
            if ("deny".equals(map(acl).get("type"))) {
                continue;
            }
            Map<String, Object> resource = map(acl, "resource");
            String prefix = "cluster".equals(resource.get("type")) ? "cluster" : resource.get("type") + ":" + resource.get("name");
            for (Object operation : list(acl, "operations")) {
                grants.add(prefix + ":" + operation);
            }
        }
        return grants;
    }

    private static boolean allows(Set<String> grants, String topic, String operation) {
        return grants.contains("topic:" + topic + ":" + operation) || grants.contains("topic:" + topic + ":All");
    }
}

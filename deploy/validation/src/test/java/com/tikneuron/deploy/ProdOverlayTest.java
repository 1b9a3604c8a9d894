package com.tikneuron.deploy;

import static com.tikneuron.deploy.Manifests.list;
import static com.tikneuron.deploy.Manifests.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What production needs for every service, read from the rendered prod overlay. */
class ProdOverlayTest {

    private static final int MANAGEMENT_PORT = 9000;
    private static final String CREDENTIAL_SECRET = "tikneuron-service-credential";

    private static List<Map<String, Object>> docs;

    @BeforeAll
    static void render() {
        docs = Manifests.render(Manifests.overlay("prod"));
    }

    @ParameterizedTest
    @CsvSource({"gateway, 8080", "subtitle-service, 8081", "summary-service, 8082", "diarization-service, 8083", "billing-service, 8084"})
    void everyServiceHasProbesResourcesAndAHardenedPod(String service, int port) {
        Map<String, Object> deployment = Manifests.find(docs, "Deployment", service).orElseThrow();
        Map<String, Object> pod = map(deployment, "spec", "template", "spec");
        Map<String, Object> container = map(list(pod, "containers").getFirst());
        assertEquals(port, containerPort(container, "http"), service + " API port");
        assertEquals(MANAGEMENT_PORT, containerPort(container, "management"), service + " management port");
        assertEquals(Map.of("name", "TIKNEURON_MANAGEMENT_PORT", "value", String.valueOf(MANAGEMENT_PORT)), env(container, "TIKNEURON_MANAGEMENT_PORT"),
                service + " listens for health and metrics where the probes and Prometheus look");
        assertEquals("/q/health/live", map(container, "startupProbe", "httpGet").get("path"));
        assertEquals("/q/health/live", map(container, "livenessProbe", "httpGet").get("path"));
        assertEquals("/q/health/ready", map(container, "readinessProbe", "httpGet").get("path"));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertEquals(MANAGEMENT_PORT, containerPort(container, map(container, probe, "httpGet").get("port")),
                    service + " " + probe + " asks the management port, the only one that serves /q/health");
        }
        for (String bound : List.of("requests", "limits")) {
            assertTrue(map(container, "resources", bound).keySet().containsAll(List.of("cpu", "memory")), service + " " + bound);
        }
        assertEquals(true, map(pod, "securityContext").get("runAsNonRoot"));
        assertEquals(true, map(container, "securityContext").get("readOnlyRootFilesystem"));
        assertEquals(false, map(container, "securityContext").get("allowPrivilegeEscalation"));
        assertEquals(List.of("ALL"), list(container, "securityContext", "capabilities", "drop"));
        List<Object> envFrom = list(container, "envFrom");
        assertTrue(envFrom.stream().anyMatch(e -> (service + "-config").equals(map(e, "configMapRef").get("name"))), service);
        assertTrue(envFrom.stream().anyMatch(e -> (service + "-secrets").equals(map(e, "secretRef").get("name"))), service);
        assertFalse(map(deployment, "spec").containsKey("replicas"), "the autoscaler owns the replica count of " + service);
    }

    @ParameterizedTest
    @CsvSource({"gateway", "subtitle-service", "summary-service", "diarization-service", "billing-service"})
    void everyServiceHasServiceAutoscalerDisruptionBudgetPolicyAndMonitor(String service) {
        Map<String, String> pods = Map.of("app.kubernetes.io/name", service);
        Map<String, Object> svc = Manifests.find(docs, "Service", service).orElseThrow();
        assertEquals(pods, map(svc, "spec", "selector"));

        Map<String, Object> hpa = Manifests.find(docs, "HorizontalPodAutoscaler", service).orElseThrow();
        assertEquals(service, map(hpa, "spec", "scaleTargetRef").get("name"));
        assertTrue((Integer) map(hpa, "spec").get("minReplicas") >= 2, service + " runs at least two pods in prod");

        assertTrue(Manifests.ofKind(docs, "PodDisruptionBudget").stream()
                .anyMatch(pdb -> map(pdb, "spec", "selector", "matchLabels").equals(pods)), service);
        assertTrue(Manifests.ofKind(docs, "NetworkPolicy").stream()
                .anyMatch(np -> map(np, "spec", "podSelector", "matchLabels").equals(pods)), service);
        List<Map<String, Object>> monitors = Manifests.ofKind(docs, "ServiceMonitor").stream()
                .filter(sm -> map(sm, "spec", "selector", "matchLabels").equals(pods)).toList();
        assertEquals(1, monitors.size(), service);
        List<Object> endpoints = list(monitors.getFirst(), "spec", "endpoints");
        assertEquals(List.of("/q/metrics"), endpoints.stream().map(e -> map(e).get("path")).toList(), service);
        // The endpoint names a Service port, whose target must be the container's management port.
        Object scraped = map(endpoints.getFirst()).get("port");
        Object target = list(svc, "spec", "ports").stream().filter(p -> scraped.equals(map(p).get("name")))
                .map(p -> map(p).get("targetPort")).findFirst().orElseThrow();
        Map<String, Object> container = map(list(Manifests.find(docs, "Deployment", service).orElseThrow(),
                "spec", "template", "spec", "containers").getFirst());
        assertEquals(MANAGEMENT_PORT, containerPort(container, target), service + " metrics are scraped on the management port");
    }

    @ParameterizedTest
    @CsvSource({"gateway", "subtitle-service", "summary-service", "diarization-service", "billing-service"})
    void everyServiceReadsTheServiceCredentialFromItsSecret(String service) {
        Map<String, Object> container = map(list(Manifests.find(docs, "Deployment", service).orElseThrow(),
                "spec", "template", "spec", "containers").getFirst());
        assertEquals(Map.of("name", CREDENTIAL_SECRET, "key", "current"),
                map(env(container, "TIKNEURON_SERVICE_CREDENTIAL"), "valueFrom", "secretKeyRef"), service);
        assertEquals(Map.of("name", CREDENTIAL_SECRET, "key", "previous", "optional", true),
                map(env(container, "TIKNEURON_SERVICE_CREDENTIAL_PREVIOUS"), "valueFrom", "secretKeyRef"),
                service + " accepts a previous credential only while a rotation lasts");
        Map<String, Object> config = map(Manifests.find(docs, "ConfigMap", service + "-config").orElseThrow(), "data");
        assertTrue(config.keySet().stream().noneMatch(key -> key.startsWith("TIKNEURON_SERVICE_CREDENTIAL")), service);
    }

    @Test
    void kafkaRunsInKraftModeWithSeparateControllersAndReplicatedTopics() {
        Map<String, Object> kafka = Manifests.find(docs, "Kafka", "tikneuron").orElseThrow();
        assertEquals("enabled", map(kafka, "metadata", "annotations").get("strimzi.io/kraft"));
        assertEquals(3, map(kafka, "spec", "kafka", "config").get("default.replication.factor"));
        List<Map<String, Object>> pools = Manifests.ofKind(docs, "KafkaNodePool");
        assertTrue(pools.stream().anyMatch(p -> list(p, "spec", "roles").equals(List.of("controller"))
                && (Integer) map(p, "spec").get("replicas") >= 3));
        assertTrue(pools.stream().anyMatch(p -> list(p, "spec", "roles").equals(List.of("broker"))
                && (Integer) map(p, "spec").get("replicas") >= 3));
        for (String topic : List.of("billing.settlements", "billing.settlements.dlq")) {
            Map<String, Object> spec = map(Manifests.find(docs, "KafkaTopic", topic).orElseThrow(), "spec");
            assertEquals(topic, spec.get("topicName"));
            assertEquals(3, spec.get("replicas"));
            assertEquals(2, map(spec, "config").get("min.insync.replicas"));
        }
        Map<String, Object> settlements = map(Manifests.find(docs, "KafkaTopic", "billing.settlements").orElseThrow(), "spec");
        Map<String, Object> billing = Manifests.find(docs, "HorizontalPodAutoscaler", "billing-service").orElseThrow();
        assertTrue((Integer) settlements.get("partitions") >= (Integer) map(billing, "spec").get("maxReplicas"),
                "every billing consumer gets a partition");
    }

    @Test
    void postgresHasOneDatabaseAndOwnerPerService() {
        Map<String, Object> cluster = Manifests.find(docs, "Cluster", "tikneuron-pg").orElseThrow();
        assertEquals(3, map(cluster, "spec").get("instances"));
        Map<String, Object> initdb = map(cluster, "spec", "bootstrap", "initdb");
        assertEquals("billing", initdb.get("database"));
        assertEquals("billing", initdb.get("owner"));
        for (String db : List.of("subtitle", "summary", "diarization")) {
            Map<String, Object> spec = map(Manifests.find(docs, "Database", db).orElseThrow(), "spec");
            assertEquals(db, spec.get("owner"));
            assertTrue(list(cluster, "spec", "managed", "roles").stream()
                    .anyMatch(r -> db.equals(map(r).get("name")) && (db + "-service-db").equals(map(r, "passwordSecret").get("name"))));
            Map<String, Object> config = map(Manifests.find(docs, "ConfigMap", db + "-service-config").orElseThrow(), "data");
            assertEquals(db, config.get("TIKNEURON_DB_NAME"));
        }
    }

    @Test
    void theIngressServesOnlyThePublicApiOverTlsWithOneGatewayPodPerKey() {
        Map<String, Object> ingress = Manifests.find(docs, "Ingress", "gateway").orElseThrow();
        assertFalse(list(ingress, "spec", "tls").isEmpty());
        assertEquals("$" + IngressKeyHashTest.KEY_VARIABLE, map(ingress, "metadata", "annotations").get("nginx.ingress.kubernetes.io/upstream-hash-by"),
                "one key's requests reach one gateway pod, where its rate limit and idempotency cache live");
        List<Object> paths = list(map(list(ingress, "spec", "rules").getFirst()), "http", "paths");
        assertTrue(paths.stream().allMatch(p -> "gateway".equals(map(p, "backend", "service").get("name"))));
        assertTrue(paths.stream().noneMatch(p -> String.valueOf(map(p).get("path")).startsWith("/q/metrics")
                || String.valueOf(map(p).get("path")).startsWith("/q/health") || "/".equals(map(p).get("path"))));
    }

    @Test
    void noSecretValuesAreRendered() {
        assertTrue(Manifests.ofKind(docs, "Secret").isEmpty());
        for (Map<String, Object> configMap : Manifests.ofKind(docs, "ConfigMap")) {
            for (String key : map(configMap, "data").keySet()) {
                assertFalse(key.matches(".*(PASSWORD|API_KEY|TOKEN).*"), key + " belongs in a Secret");
            }
        }
    }

    /** The number of a container port given by name or number, or null when the container does not declare it. */
    static Object containerPort(Map<String, Object> container, Object port) {
        return list(container, "ports").stream().map(Manifests::map)
                .filter(p -> port.equals(p.get("name")) || port.equals(p.get("containerPort")))
                .map(p -> p.get("containerPort")).findFirst().orElse(null);
    }

    static Map<String, Object> env(Map<String, Object> container, String name) {
        return list(container, "env").stream().map(Manifests::map).filter(e -> name.equals(e.get("name"))).findFirst().orElse(Map.of());
    }
}

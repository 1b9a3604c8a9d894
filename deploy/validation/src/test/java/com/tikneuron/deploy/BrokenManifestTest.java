package com.tikneuron.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validator must fail on a broken manifest: each case breaks one rendered prod document, or the overlay itself. */
class BrokenManifestTest {

    private static String prod;

    private final ManifestValidator validator = new ManifestValidator();

    @BeforeAll
    static void render() {
        prod = Manifests.renderText(Manifests.overlay("prod"));
    }

    @Test
    void theUnbrokenProdOverlayPasses() {
        assertEquals(List.of(), validator.validate(Manifests.parse(prod)));
    }

    @Test
    void anUnknownFieldIsRejected() {
        assertRejected(yaml -> yaml.replaceFirst("revisionHistoryLimit: 5", "revisionHistoryLimit: 5\n  replica: 3"),
                "unknown field Deployment.spec.replica");
    }

    @Test
    void aFieldAtTheWrongLevelIsRejected() {
        assertRejected(yaml -> yaml.replaceFirst("(?m)^      serviceAccountName: gateway$",
                "      serviceAccountName: gateway\n      readOnlyRootFilesystem: true"), "unknown field Deployment.spec.template.spec.readOnlyRootFilesystem");
    }

    @Test
    void aStringWhereANumberBelongsIsRejected() {
        assertRejected(yaml -> yaml.replaceFirst("containerPort: 8080", "containerPort: \"8080\""), "Deployment gateway");
    }

    @Test
    void aNumberWhereAStringBelongsIsRejected() {
        assertRejected(yaml -> yaml.replaceFirst("TIKNEURON_DB_PORT: \"5432\"", "TIKNEURON_DB_PORT: 5432"), "ConfigMap");
    }

    @Test
    void anInvalidQuantityIsRejected() {
        assertRejected(yaml -> yaml.replaceFirst("memory: 512Mi", "memory: 512 megs"), "is not a quantity");
    }

    @Test
    void aSelectorThatMissesThePodsIsRejected() {
        assertRejected(yaml -> yaml.replaceFirst("(?s)(kind: PodDisruptionBudget.*?matchLabels:\n\\s+app.kubernetes.io/name: )gateway", "$1gateway-typo"),
                "PodDisruptionBudget gateway: selects no Deployment's pods");
    }

    @Test
    void aProbeOnAnUndeclaredPortIsRejected() {
        assertRejected(yaml -> yaml.replaceFirst("path: /q/health/ready\n( +)port: management", "path: /q/health/ready\n$1port: admin"),
                "readinessProbe uses port admin");
    }

    @Test
    void aServiceMonitorOnAPortTheServiceLacksIsRejected() {
        assertRejected(yaml -> yaml.replaceFirst("path: /q/metrics\n( +)port: management", "path: /q/metrics\n$1port: metrics"),
                "port metrics is not a named port of the selected Service");
    }

    @Test
    void aKafkaLoginFromASecretThatIsNoKafkaUserIsRejected() {
        assertRejected(yaml -> yaml.replaceFirst("key: sasl.jaas.config\n( +)name: billing-service\n", "key: sasl.jaas.config\n$1name: billing-service-db\n"),
                "reads sasl.jaas.config from billing-service-db, which is no SCRAM KafkaUser");
    }

    @Test
    void aKafkaUserWithAnUnknownOperationIsRejected() {
        assertRejected(yaml -> yaml.replaceFirst("- IdempotentWrite\n", "- IdempotentWrites\n"), "KafkaUser");
    }

    @Test
    void aKafkaListenerWithAnUnknownAuthenticationIsRejected() {
        assertRejected(yaml -> yaml.replaceFirst("(- authentication:\n +type: )scram-sha-512", "$1scram-sha-256"),
                "Kafka tikneuron");
    }

    @Test
    void aKafkaTopicWithoutPartitionsIsRejected() {
        assertRejected(yaml -> yaml.replaceFirst("partitions: 12", "partition: 12"), "KafkaTopic billing.settlements");
    }

    @Test
    void aZooKeeperBasedKafkaIsRejected() {
        assertRejected(yaml -> yaml.replaceFirst("strimzi.io/kraft: enabled", "strimzi.io/kraft: disabled"), "Kafka tikneuron");
    }

    @Test
    void aPostgresClusterWithoutStorageIsRejected() {
        assertRejected(yaml -> yaml.replaceFirst("(?m)^  storage:\n    size: 50Gi\n", ""), "Cluster tikneuron-pg");
    }

    @Test
    void aCommittedSecretIsRejected() {
        assertRejected(yaml -> yaml + "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: leaked\n  namespace: tikneuron\n"
                + "stringData:\n  password: hunter2\n", "Secrets are created at install time");
    }

    @Test
    void anUnknownKindIsRejected() {
        assertRejected(yaml -> yaml + "---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: tikneuron\n",
                "no schema for this kind");
    }

    @Test
    void anOverlayThatDoesNotRenderFails(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> Manifests.render(dir));
        assertTrue(failure.getMessage().contains("missing.yaml"), failure.getMessage());
    }

    private void assertRejected(UnaryOperator<String> breakIt, String expected) {
        String broken = breakIt.apply(prod);
        assertNotEquals(prod, broken, "the test did not change the manifests");
        List<Map<String, Object>> docs = Manifests.parse(broken);
        List<String> errors = validator.validate(docs);
        assertTrue(errors.stream().anyMatch(e -> e.contains(expected)), "expected an error containing '" + expected + "', got " + errors);
    }
}

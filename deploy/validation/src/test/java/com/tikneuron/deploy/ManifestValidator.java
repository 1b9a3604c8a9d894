package com.tikneuron.deploy;

import static com.tikneuron.deploy.Manifests.kind;
import static com.tikneuron.deploy.Manifests.list;
import static com.tikneuron.deploy.Manifests.map;
import static com.tikneuron.deploy.Manifests.name;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates rendered manifests: core kinds and the Prometheus Operator kinds are read into the typed
 * Kubernetes model (strict types, unknown fields rejected), the Strimzi and CloudNativePG kinds are
 * checked against the JSON schemas under src/test/resources/schemas, and the references between
 * objects (selectors, ports, ConfigMaps, scale targets) must resolve.
 */
final class ManifestValidator {

    private static final Map<String, Class<?>> TYPED = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class));

    private static final Map<String, String> SCHEMAS = Map.of(
            "kafka.strimzi.io/v1beta2/Kafka", "schemas/kafka.strimzi.io/Kafka.json",
            "kafka.strimzi.io/v1beta2/KafkaNodePool", "schemas/kafka.strimzi.io/KafkaNodePool.json",
            "kafka.strimzi.io/v1beta2/KafkaTopic", "schemas/kafka.strimzi.io/KafkaTopic.json",
            "kafka.strimzi.io/v1beta2/KafkaUser", "schemas/kafka.strimzi.io/KafkaUser.json",
            "postgresql.cnpg.io/v1/Cluster", "schemas/postgresql.cnpg.io/Cluster.json",
            "postgresql.cnpg.io/v1/Database", "schemas/postgresql.cnpg.io/Database.json");

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    /** The API server would refuse a number or a boolean where a string belongs, so this reader does too. */
    private static final JsonMapper STRICT = strictMapper();

    private final Map<String, JsonSchema> schemas = new HashMap<>();

    List<String> validate(List<Map<String, Object>> docs) {
        List<String> errors = new ArrayList<>();
        if (docs.isEmpty()) {
            errors.add("nothing rendered");
        }
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> doc : docs) {
            String id = doc.get("apiVersion") + "/" + kind(doc);
            String where = id + " " + name(doc);
            if (!seen.add(where)) {
                errors.add(where + ": defined twice");
            }
            checkMetadata(doc, where, errors);
            if ("Secret".equals(kind(doc))) {
                errors.add(where + ": Secrets are created at install time, never kept in the repository");
            } else if (TYPED.containsKey(id)) {
                checkTyped(doc, TYPED.get(id), where, errors);
            } else if (SCHEMAS.containsKey(id)) {
                checkSchema(doc, SCHEMAS.get(id), where, errors);
            } else {
                errors.add(where + ": no schema for this kind");
            }
        }
        checkReferences(docs, errors);
        return errors;
    }

    private static void checkMetadata(Map<String, Object> doc, String where, List<String> errors) {
        Map<String, Object> metadata = map(doc, "metadata");
        Object name = metadata.get("name");
        if (!(name instanceof String text) || text.length() > 253 || !DNS_SUBDOMAIN.matcher(text).matches()) {
            errors.add(where + ": metadata.name must be a DNS subdomain");
        }
        if (!"Namespace".equals(kind(doc)) && !(metadata.get("namespace") instanceof String)) {
            errors.add(where + ": metadata.namespace is missing");
        }
        map(metadata, "labels").forEach((key, value) -> {
            if (!(value instanceof String text) || text.length() > 63 || !LABEL_VALUE.matcher(text).matches()) {
                errors.add(where + ": label " + key + " has an invalid value " + value);
            }
        });
    }

    private static void checkTyped(Map<String, Object> doc, Class<?> type, String where, List<String> errors) {
        Object typed;
        try {
            typed = STRICT.convertValue(doc, type);
        } catch (IllegalArgumentException e) {
            errors.add(where + ": " + firstLine(e.getMessage()));
            return;
        }
        walk(typed, kind(doc), where, errors, 0);
    }

    /** Unknown fields land in the model's additional properties: any found there is a typo or a wrong level. */
    private static void walk(Object node, String path, String where, List<String> errors, int depth) {
        if (node == null || depth > 40) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", where, errors, depth + 1);
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> walk(value, path + "." + key, where, errors, depth + 1));
            return;
        }
        if (node instanceof Quantity quantity) {
            try {
                Objects.requireNonNull(Quantity.getAmountInBytes(quantity));
            } catch (RuntimeException e) {
                errors.add(where + ": " + path + " is not a quantity: " + quantity);
            }
            return;
        }
        if (node instanceof IntOrString || !node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")
                    || getter.getReturnType().isPrimitive()) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    errors.add(where + ": unknown field " + path + "." + extra.keySet().iterator().next());
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                walk(value, path + "." + field, where, errors, depth + 1);
            }
        }
    }

    private void checkSchema(Map<String, Object> doc, String resource, String where, List<String> errors) {
        JsonSchema schema = schemas.computeIfAbsent(resource, ManifestValidator::loadSchema);
        JsonNode node = STRICT.valueToTree(doc);
        for (ValidationMessage message : schema.validate(node)) {
            errors.add(where + ": " + message.getMessage());
        }
    }

    private static JsonSchema loadSchema(String resource) {
        try (InputStream in = ManifestValidator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + resource);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkReferences(List<Map<String, Object>> docs, List<String> errors) {
        // StatefulSets (Redis) are workloads like Deployments here: their pods, ports and volumes are checked alike.
        List<Map<String, Object>> deployments = new ArrayList<>(Manifests.ofKind(docs, "Deployment"));
        deployments.addAll(Manifests.ofKind(docs, "StatefulSet"));
        List<Map<String, Object>> services = Manifests.ofKind(docs, "Service");
        for (Map<String, Object> deployment : deployments) {
            String where = kind(deployment) + " " + name(deployment);
            Map<String, Object> podLabels = map(deployment, "spec", "template", "metadata", "labels");
            Map<String, Object> selector = map(deployment, "spec", "selector", "matchLabels");
            if (selector.isEmpty() || !podLabels.entrySet().containsAll(selector.entrySet())) {
                errors.add(where + ": spec.selector does not match the pod template's labels");
            }
            Set<String> volumes = new HashSet<>();
            list(deployment, "spec", "template", "spec", "volumes").forEach(v -> volumes.add(String.valueOf(map(v).get("name"))));
            list(deployment, "spec", "volumeClaimTemplates").forEach(v -> volumes.add(String.valueOf(map(v, "metadata").get("name"))));
            for (Object container : list(deployment, "spec", "template", "spec", "containers")) {
                Map<String, Object> c = map(container);
                String cwhere = where + " container " + c.get("name");
                if (!(c.get("image") instanceof String image) || image.isBlank()) {
                    errors.add(cwhere + ": no image");
                }
                Set<Object> ports = new HashSet<>();
                list(c, "ports").forEach(p -> {
                    ports.add(map(p).get("name"));
                    ports.add(map(p).get("containerPort"));
                });
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    Object port = map(c, probe, "httpGet").get("port");
                    if (port != null && !ports.contains(port)) {
                        errors.add(cwhere + ": " + probe + " uses port " + port + ", which the container does not declare");
                    }
                }
                for (Object from : list(c, "envFrom")) {
                    Map<String, Object> ref = map(from, "configMapRef");
                    if (!ref.isEmpty() && !Boolean.TRUE.equals(ref.get("optional"))
                            && Manifests.find(docs, "ConfigMap", String.valueOf(ref.get("name"))).isEmpty()) {
                        errors.add(cwhere + ": ConfigMap " + ref.get("name") + " is not part of the manifests");
                    }
                }
                // A Kafka login can only come from the Secret Strimzi writes for a SCRAM KafkaUser of the same name.
                for (Object env : list(c, "env")) {
                    Map<String, Object> ref = map(env, "valueFrom", "secretKeyRef");
                    if ("sasl.jaas.config".equals(ref.get("key")) && Manifests.find(docs, "KafkaUser", String.valueOf(ref.get("name")))
                            .filter(user -> "scram-sha-512".equals(map(user, "spec", "authentication").get("type"))).isEmpty()) {
                        errors.add(cwhere + ": reads sasl.jaas.config from " + ref.get("name") + ", which is no SCRAM KafkaUser");
                    }
                }
                list(c, "volumeMounts").forEach(m -> {
                    if (!volumes.contains(String.valueOf(map(m).get("name")))) {
                        errors.add(cwhere + ": mounts the undeclared volume " + map(m).get("name"));
                    }
                });
            }
        }
        for (Map<String, Object> service : services) {
            Map<String, Object> selector = map(service, "spec", "selector");
            List<Map<String, Object>> targets = podsSelectedBy(deployments, selector);
            if (targets.isEmpty()) {
                errors.add("Service " + name(service) + ": selects no Deployment's pods");
            }
            for (Object port : list(service, "spec", "ports")) {
                Object target = map(port).get("targetPort");
                for (Map<String, Object> deployment : targets) {
                    boolean declared = list(deployment, "spec", "template", "spec", "containers").stream()
                            .flatMap(c -> list(c, "ports").stream())
                            .anyMatch(p -> Objects.equals(map(p).get("name"), target)
                                    || Objects.equals(map(p).get("containerPort"), target));
                    if (!declared) {
                        errors.add("Service " + name(service) + ": targetPort " + target + " is not a port of " + name(deployment));
                    }
                }
            }
        }
        for (Map<String, Object> hpa : Manifests.ofKind(docs, "HorizontalPodAutoscaler")) {
            Map<String, Object> target = map(hpa, "spec", "scaleTargetRef");
            if (Manifests.find(docs, String.valueOf(target.get("kind")), String.valueOf(target.get("name"))).isEmpty()) {
                errors.add("HorizontalPodAutoscaler " + name(hpa) + ": scales " + target.get("kind") + " " + target.get("name")
                        + ", which does not exist");
            }
            Object min = map(hpa, "spec").getOrDefault("minReplicas", 1);
            Object max = map(hpa, "spec").get("maxReplicas");
            if (!(min instanceof Integer low) || !(max instanceof Integer high) || low < 1 || low > high) {
                errors.add("HorizontalPodAutoscaler " + name(hpa) + ": needs 1 <= minReplicas <= maxReplicas");
            }
        }
        for (Map<String, Object> pdb : Manifests.ofKind(docs, "PodDisruptionBudget")) {
            if (podsSelectedBy(deployments, map(pdb, "spec", "selector", "matchLabels")).isEmpty()) {
                errors.add("PodDisruptionBudget " + name(pdb) + ": selects no Deployment's pods");
            }
        }
        for (Map<String, Object> monitor : Manifests.ofKind(docs, "ServiceMonitor")) {
            Map<String, Object> selector = map(monitor, "spec", "selector", "matchLabels");
            List<Map<String, Object>> selected = services.stream()
                    .filter(s -> !selector.isEmpty() && map(s, "metadata", "labels").entrySet().containsAll(selector.entrySet()))
                    .toList();
            if (selected.isEmpty()) {
                errors.add("ServiceMonitor " + name(monitor) + ": selects no Service");
            }
            for (Object endpoint : list(monitor, "spec", "endpoints")) {
                Object port = map(endpoint).get("port");
                boolean known = selected.stream().flatMap(s -> list(s, "spec", "ports").stream())
                        .anyMatch(p -> Objects.equals(map(p).get("name"), port));
                if (!known) {
                    errors.add("ServiceMonitor " + name(monitor) + ": port " + port + " is not a named port of the selected Service");
                }
            }
        }
        for (Map<String, Object> ingress : Manifests.ofKind(docs, "Ingress")) {
            for (Object rule : list(ingress, "spec", "rules")) {
                for (Object path : list(rule, "http", "paths")) {
                    Map<String, Object> backend = map(path, "backend", "service");
                    Object port = map(backend, "port").get("name");
                    boolean known = Manifests.find(docs, "Service", String.valueOf(backend.get("name")))
                            .map(s -> list(s, "spec", "ports").stream().anyMatch(p -> Objects.equals(map(p).get("name"), port)))
                            .orElse(false);
                    if (!known) {
                        errors.add("Ingress " + name(ingress) + ": backend " + backend.get("name") + ":" + port + " does not exist");
                    }
                }
            }
        }
    }

    static List<Map<String, Object>> podsSelectedBy(List<Map<String, Object>> deployments, Map<String, Object> selector) {
        if (selector.isEmpty()) {
            return List.of();
        }
        return deployments.stream()
                .filter(d -> map(d, "spec", "template", "metadata", "labels").entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    private static JsonMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .build();
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    private static String firstLine(String message) {
        String text = message == null ? "invalid" : message;
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}

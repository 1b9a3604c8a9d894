package com.tikneuron.deploy;

import static com.tikneuron.deploy.Manifests.list;
import static com.tikneuron.deploy.Manifests.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rendered prod policies allow exactly the calls of the architecture, evaluated like a CNI would. */
class NetworkPolicyTest {

    private static final List<String> PRIVATE = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
            "100.64.0.0/10", "127.0.0.0/8");

    private static final int MANAGEMENT_PORT = 9000;

    private static List<Map<String, Object>> docs;
    private static List<Map<String, Object>> policies;

    @BeforeAll
    static void render() {
        docs = Manifests.render(Manifests.overlay("prod"));
        policies = Manifests.ofKind(docs, "NetworkPolicy");
    }

    @Test
    void everyPodIsDeniedByDefault() {
        assertTrue(policies.stream().anyMatch(p -> map(p, "spec", "podSelector").isEmpty()
                && list(p, "spec", "policyTypes").containsAll(List.of("Ingress", "Egress"))
                && list(p, "spec", "ingress").isEmpty() && list(p, "spec", "egress").isEmpty()));
    }

    /** Each peer as name:port; a rule without ports opens every port (name:*), one without peers admits anyone (*:port). */
    @ParameterizedTest
    @CsvSource({
        "gateway, billing-service:8084 subtitle-service:8081 summary-service:8082 diarization-service:8083 jobs-service:8085 redis:6379",
        "billing-service, kafka:9092 postgres:5432",
        "subtitle-service, billing-service:8084 diarization-service:8083 kafka:9092 postgres:5432",
        "summary-service, subtitle-service:8081 diarization-service:8083 billing-service:8084 kafka:9092 postgres:5432",
        "diarization-service, subtitle-service:8081 billing-service:8084 kafka:9092 postgres:5432",
        "jobs-service, subtitle-service:8081 summary-service:8082 diarization-service:8083 billing-service:8084 kafka:9092 postgres:5432"})
    void eachServiceReachesExactlyWhatItCalls(String service, String expected) {
        Set<String> reached = new TreeSet<>();
        for (Map<String, Object> policy : policiesFor(podLabels(service))) {
            for (Object rule : list(policy, "spec", "egress")) {
                List<Object> peers = list(rule, "to");
                for (Object peer : peers) {
                    Map<String, Object> pods = map(peer, "podSelector", "matchLabels");
                    String name;
                    if (pods.containsKey("app.kubernetes.io/name")) {
                        name = String.valueOf(pods.get("app.kubernetes.io/name"));
                    } else if (pods.containsKey("strimzi.io/cluster")) {
                        name = "kafka";
                    } else if (pods.containsKey("cnpg.io/cluster")) {
                        name = "postgres";
                    } else if ("kube-dns".equals(pods.get("k8s-app"))) {
                        name = "dns";
                    } else {
                        // The internet rules (ipBlock) are checked on their own below.
                        continue;
                    }
                    ports(rule).forEach(port -> reached.add(name + ":" + port));
                }
                if (peers.isEmpty()) {
                    ports(rule).forEach(port -> reached.add("*:" + port));
                }
            }
        }
        Set<String> wanted = new TreeSet<>(List.of(expected.split(" ")));
        wanted.addAll(List.of("dns:53"));
        assertEquals(wanted, reached);
    }

    /** The API port only for callers, the management port (9000) only for the monitoring namespace. */
    @ParameterizedTest
    @CsvSource({
        "gateway, ingress-nginx:8080",
        "billing-service, gateway:8084 subtitle-service:8084 summary-service:8084 diarization-service:8084 jobs-service:8084",
        "subtitle-service, gateway:8081 summary-service:8081 diarization-service:8081 jobs-service:8081",
        "summary-service, gateway:8082 jobs-service:8082",
        "diarization-service, gateway:8083 jobs-service:8083 subtitle-service:8083 summary-service:8083",
        "jobs-service, gateway:8085"})
    void eachServiceIsReachedOnlyByItsCallersOnItsApiPortAndByPrometheusOnItsManagementPort(String service, String expected) {
        Set<String> wanted = new TreeSet<>(List.of(expected.split(" ")));
        wanted.add("monitoring:" + MANAGEMENT_PORT);
        assertEquals(wanted, admitted(service));
    }

    @ParameterizedTest
    @CsvSource({"gateway", "subtitle-service", "summary-service", "diarization-service", "billing-service", "jobs-service"})
    void theMonitoringNamespaceReachesOnlyTheManagementPort(String service) {
        Set<String> monitoring = new TreeSet<>();
        admitted(service).stream().filter(peer -> peer.startsWith("monitoring:") || peer.startsWith("*:")).forEach(monitoring::add);
        assertEquals(Set.of("monitoring:" + MANAGEMENT_PORT), monitoring, service);
        Map<String, Object> container = map(list(Manifests.find(docs, "Deployment", service).orElseThrow(),
                "spec", "template", "spec", "containers").getFirst());
        assertEquals(MANAGEMENT_PORT, ProdOverlayTest.containerPort(container, "management"),
                service + " serves health and metrics on the port the policy opens");
    }

    @Test
    void onlyTheGatewaysReachRedisAndRedisCallsNothingButDns() {
        Map<String, Object> labels = map(map(Manifests.find(docs, "StatefulSet", "redis").orElseThrow(),
                "spec", "template", "metadata"), "labels");
        assertEquals(Set.of("gateway:6379"), admitted(labels));
        Set<String> reached = new TreeSet<>();
        for (Map<String, Object> policy : policiesFor(labels)) {
            for (Object rule : list(policy, "spec", "egress")) {
                Map<String, Object> pods = list(rule, "to").isEmpty() ? Map.of() : map(list(rule, "to").getFirst(), "podSelector", "matchLabels");
                String peer = "kube-dns".equals(pods.get("k8s-app")) ? "dns" : String.valueOf(list(rule, "to"));
                ports(rule).forEach(port -> reached.add(peer + ":" + port));
            }
        }
        assertEquals(Set.of("dns:53"), reached);
    }

    private static Set<String> admitted(String service) {
        return admitted(podLabels(service));
    }

    private static Set<String> admitted(Map<String, Object> labels) {
        Set<String> callers = new TreeSet<>();
        for (Map<String, Object> policy : policiesFor(labels)) {
            for (Object rule : list(policy, "spec", "ingress")) {
                List<Object> peers = list(rule, "from");
                for (Object peer : peers) {
                    Object app = map(peer, "podSelector", "matchLabels").get("app.kubernetes.io/name");
                    Object namespace = map(peer, "namespaceSelector", "matchLabels").get("kubernetes.io/metadata.name");
                    String name = String.valueOf(app != null ? app : namespace);
                    ports(rule).forEach(port -> callers.add(name + ":" + port));
                }
                if (peers.isEmpty()) {
                    ports(rule).forEach(port -> callers.add("*:" + port));
                }
            }
        }
        return callers;
    }

    private static List<String> ports(Object rule) {
        List<Object> ports = list(rule, "ports");
        if (ports.isEmpty()) {
            return List.of("*");
        }
        return ports.stream().map(p -> String.valueOf(map(p).get("port"))).distinct().toList();
    }

    @Test
    void onlySubtitleServiceAndWebhookDeliveryReachTheInternetAndNeverPrivateRanges() {
        Set<String> open = new HashSet<>();
        for (Map<String, Object> policy : policies) {
            for (Object rule : list(policy, "spec", "egress")) {
                for (Object peer : list(rule, "to")) {
                    Map<String, Object> block = map(peer, "ipBlock");
                    if (block.isEmpty()) {
                        continue;
                    }
                    String cidr = String.valueOf(block.get("cidr"));
                    if (cidr.equals("0.0.0.0/0")) {
                        open.add(Manifests.name(policy));
                        assertTrue(list(block, "except").containsAll(PRIVATE), "private ranges excluded in " + Manifests.name(policy));
                    } else if (cidr.equals("::/0")) {
                        assertTrue(list(block, "except").containsAll(List.of("fc00::/7", "fe80::/10", "::1/128")));
                    } else {
                        assertTrue(PRIVATE.subList(0, 3).contains(cidr), "only the cluster's own API on private addresses: " + cidr);
                        assertTrue(list(rule, "ports").stream().allMatch(p -> List.of(443, 6443).contains(map(p).get("port"))));
                    }
                }
            }
        }
        assertEquals(Set.of("subtitle-service", "jobs-service"), open);
    }

    @Test
    void theOptInPoliciesOpenOnlyHttpsToPublicAddresses() {
        for (String optional : List.of("summary-external-llm", "diarization-remote-engine")) {
            List<Map<String, Object>> rendered = Manifests.render(Manifests.DEPLOY_K8S.resolve("optional").resolve(optional));
            Map<String, Object> rule = map(list(rendered.getFirst(), "spec", "egress").getFirst());
            assertEquals(List.of(443), list(rule, "ports").stream().map(p -> map(p).get("port")).toList());
            assertTrue(list(map(list(rule, "to").getFirst()), "ipBlock", "except").containsAll(PRIVATE));
        }
    }

    private static Map<String, Object> podLabels(String service) {
        return map(map(Manifests.find(docs, "Deployment", service).orElseThrow(), "spec", "template", "metadata"), "labels");
    }

    private static List<Map<String, Object>> policiesFor(Map<String, Object> labels) {
        return policies.stream().filter(p -> {
            Map<String, Object> selector = map(p, "spec", "podSelector", "matchLabels");
            return labels.entrySet().containsAll(selector.entrySet());
        }).toList();
    }
}

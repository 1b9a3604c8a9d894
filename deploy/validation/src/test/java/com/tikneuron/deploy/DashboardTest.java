package com.tikneuron.deploy;

import static com.tikneuron.deploy.Manifests.list;
import static com.tikneuron.deploy.Manifests.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard ships in the overlays, has the panels operators need, and every query is valid PromQL. */
class DashboardTest {

    private static Map<String, Object> dashboard;

    @BeforeAll
    static void load() throws IOException {
        Map<String, Object> configMap = Manifests.find(Manifests.render(Manifests.overlay("prod")), "ConfigMap",
                "tikneuron-grafana-dashboard").orElseThrow();
        assertEquals("1", map(configMap, "metadata", "labels").get("grafana_dashboard"));
        String json = String.valueOf(map(configMap, "data").get("tikneuron-dashboard.json"));
        dashboard = new ObjectMapper().readValue(json, new TypeReference<>() { });
    }

    @Test
    void theDashboardHasTheRequiredPanels() {
        List<String> titles = panels().stream().map(p -> String.valueOf(map(p).get("title"))).toList();
        assertTrue(titles.containsAll(List.of("Rate", "Errors (5xx share)", "Duration (mean and p95)", "Credits by capability",
                "Cache hit ratio", "Engine real-time factor")), titles.toString());
        assertEquals("tikneuron-overview", dashboard.get("uid"));
    }

    @Test
    void everyQueryIsValidPromql() throws IOException {
        List<Map<String, Object>> rules = new ArrayList<>();
        int i = 0;
        for (Object panel : panels()) {
            if ("row".equals(map(panel).get("type"))) {
                continue;
            }
            assertFalse(list(panel, "targets").isEmpty(), map(panel).get("title") + " has a query");
            for (Object target : list(panel, "targets")) {
                // Grafana's variables replaced by values Prometheus accepts.
                String expr = String.valueOf(map(target).get("expr"))
                        .replace("$__rate_interval", "5m").replace("$service", ".*");
                rules.add(Map.of("record", "dashboard:query" + i++, "expr", expr));
            }
        }
        Path file = Tools.BUILD.resolve("promtool/dashboard-queries.yaml");
        Files.createDirectories(file.getParent());
        Manifests.YAML.writeValue(file.toFile(), Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules))));
        Tools.Result result = Tools.run(List.of(Tools.promtool().toString(), "check", "rules", file.toString()), Duration.ofMinutes(2));
        assertEquals(0, result.exit(), result.out() + result.err());
        assertTrue(i >= 10, "queries checked: " + i);
    }

    private static List<Object> panels() {
        return list(dashboard, "panels");
    }
}

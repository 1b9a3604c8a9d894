package com.tikneuron.deploy;

import static com.tikneuron.deploy.Manifests.list;
import static com.tikneuron.deploy.Manifests.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PrometheusRule of the prod overlay loads in promtool, its alerts fire when they should, and its metrics exist. */
class AlertRulesTest {

    private static final Path WORK = Tools.BUILD.resolve("promtool");
    private static Map<String, Object> rule;

    @BeforeAll
    static void extractRules() throws IOException {
        rule = Manifests.find(Manifests.render(Manifests.overlay("prod")), "PrometheusRule", "tikneuron").orElseThrow();
        Files.createDirectories(WORK);
        Manifests.YAML.writeValue(WORK.resolve("tikneuron-rules.yaml").toFile(), Map.of("groups", list(rule, "spec", "groups")));
    }

    @Test
    void theRulesLoadInPromtool() {
        Tools.Result result = promtool("check", "rules", WORK.resolve("tikneuron-rules.yaml").toString());
        assertEquals(0, result.exit(), result.out() + result.err());
        assertTrue(result.out().contains("SUCCESS"), result.out());
    }

    @Test
    void theAlertsFireOnlyWhenTheyShould() throws IOException {
        try (InputStream tests = getClass().getClassLoader().getResourceAsStream("rules-test.yaml")) {
            Files.write(WORK.resolve("rules-test.yaml"), tests.readAllBytes());
        }
        Tools.Result result = promtool("test", "rules", WORK.resolve("rules-test.yaml").toString());
        assertEquals(0, result.exit(), result.out() + result.err());
        assertTrue(result.out().contains("SUCCESS"), result.out());
    }

    @Test
    void promtoolRejectsABrokenRule() throws IOException {
        Path broken = WORK.resolve("broken-rules.yaml");
        Files.writeString(broken, """
                groups:
                  - name: broken
                    rules:
                      - alert: Broken
                        expr: sum(rate(http_server_requests_seconds_count[5m]) > 
                """);
        Tools.Result result = promtool("check", "rules", broken.toString());
        assertNotEquals(0, result.exit(), result.out());
    }

    @Test
    void theRequiredAlertsExist() {
        Set<String> alerts = groups().stream().flatMap(g -> list(g, "rules").stream())
                .map(r -> map(r).get("alert")).filter(a -> a != null).map(String::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(alerts.containsAll(List.of("AvailabilityErrorBudgetBurnFast", "AvailabilityErrorBudgetBurnSlow",
                "LatencyErrorBudgetBurnFast", "LatencyErrorBudgetBurnSlow", "SettlementConsumerLagging",
                "SettlementsDeadLettered", "HoldsExpiring", "LedgerInvariantViolated")), alerts.toString());
        for (Object group : groups()) {
            for (Object r : list(group, "rules")) {
                if (map(r).containsKey("alert")) {
                    assertTrue(map(r, "labels").containsKey("severity"), map(r).get("alert") + " has a severity");
                    assertTrue(map(r, "annotations").containsKey("summary"), map(r).get("alert") + " has a summary");
                }
            }
        }
    }

    @Test
    void everyProductMetricInTheRulesIsPublishedByAService() throws IOException {
        Set<String> meters = meterNamesInSources();
        Matcher metric = Pattern.compile("\\btikneuron_[a-z_]+").matcher(Manifests.YAML.writeValueAsString(groups()));
        Set<String> missing = new TreeSet<>();
        int seen = 0;
        while (metric.find()) {
            seen++;
            String meter = metric.group().replaceFirst("(_seconds)?(_total|_bucket|_count|_sum)?$", "").replace('_', '.');
            if (!meters.contains(meter)) {
                missing.add(metric.group());
            }
        }
        assertTrue(seen > 5, "the rules use the services' own metrics");
        assertEquals(Set.of(), missing);
    }

    private static List<Object> groups() {
        return list(rule, "spec", "groups");
    }

    /** Meter names as the services register them (dotted, Micrometer style), read from their main sources. */
    static Set<String> meterNamesInSources() throws IOException {
        Pattern literal = Pattern.compile("\"(tikneuron\\.[a-z.]+)\"");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Tools.DEPLOY.getParent())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")).toList()) {
                Matcher m = literal.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static Tools.Result promtool(String... args) {
        List<String> command = Stream.concat(Stream.of(Tools.promtool().toString()), Stream.of(args)).toList();
        return Tools.run(command, Duration.ofMinutes(2));
    }
}

package com.tikneuron.deploy;

import static com.tikneuron.deploy.Manifests.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gateway Ingress hashes on the API key however it is sent: the nginx maps of the ingress-nginx values give the
 * key the gateway reads (API-KEY first, else Authorization: Bearer). The maps are evaluated here the way nginx does:
 * exact values first, then regular expressions in order, else the default.
 */
class IngressKeyHashTest {

    /** The nginx variable the Ingress hashes on. */
    static final String KEY_VARIABLE = "tikneuron_api_key";

    private static final Path VALUES = Manifests.DEPLOY_K8S.resolve("cluster/ingress-nginx-values.yaml");
    private static final Pattern MAP_BLOCK = Pattern.compile("map\\s+\\$(\\w+)\\s+\\$(\\w+)\\s*\\{(.*?)\\}", Pattern.DOTALL);
    private static final Pattern ENTRY = Pattern.compile("^\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)\\s+(\\S+?)\\s*;\\s*$");
    private static final Pattern PCRE_NAME = Pattern.compile("\\(\\?<(\\w+)>");

    private static final Map<String, NginxMap> maps = new HashMap<>();

    private record Entry(String key, String value) {
    }

    private record NginxMap(String source, List<Entry> entries) {
    }

    @BeforeAll
    static void readSnippet() throws IOException {
        Map<String, Object> values = Manifests.YAML.readValue(Files.readString(VALUES), Map.class);
        String snippet = String.valueOf(map(values, "controller", "config").get("http-snippet"));
        Matcher block = MAP_BLOCK.matcher(snippet);
        while (block.find()) {
            List<Entry> entries = new ArrayList<>();
            for (String line : block.group(3).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher entry = ENTRY.matcher(line);
                assertTrue(entry.matches(), "cannot read map entry: " + line);
                String key = entry.group(1);
                entries.add(new Entry(key.startsWith("\"") ? key.substring(1, key.length() - 1) : key, entry.group(2)));
            }
            maps.put(block.group(2), new NginxMap(block.group(1), entries));
        }
    }

    @Test
    void theIngressHashesOnTheVariableTheControllerDefines() {
        Map<String, Object> ingress = Manifests.find(Manifests.render(Manifests.overlay("prod")), "Ingress", "gateway").orElseThrow();
        assertEquals("$" + KEY_VARIABLE, map(ingress, "metadata", "annotations").get("nginx.ingress.kubernetes.io/upstream-hash-by"));
        assertTrue(maps.containsKey(KEY_VARIABLE), "the http-snippet of " + VALUES + " defines $" + KEY_VARIABLE);
    }

    @ParameterizedTest(name = "API-KEY [{0}], Authorization [{1}] -> [{2}]")
    @CsvSource(value = {
        "tn_live_abc, , tn_live_abc",
        ", Bearer tn_live_abc, tn_live_abc",
        ", bearer    tn_live_abc  , tn_live_abc",
        ", BEARER tn_live_abc, tn_live_abc",
        // The gateway reads API-KEY first: another Authorization header must not move the key to another pod.
        "tn_live_abc, Bearer something-else, tn_live_abc",
        "tn_test_xyz, Basic dXNlcjpwdw==, tn_test_xyz",
        ", Basic dXNlcjpwdw==, ''",
        ", , ''"})
    void oneKeyHashesAlikeWhicheverHeaderCarriesIt(String apiKey, String authorization, String expected) {
        Map<String, String> headers = new HashMap<>();
        if (apiKey != null) {
            headers.put("http_api_key", apiKey.strip());
        }
        if (authorization != null) {
            // nginx drops the spaces around a header's value.
            headers.put("http_authorization", authorization.strip());
        }
        assertEquals(expected, variable(KEY_VARIABLE, headers));
    }

    private static String variable(String name, Map<String, String> headers) {
        NginxMap nginxMap = maps.get(name);
        if (nginxMap == null) {
            assertTrue(name.startsWith("http_"), "unknown nginx variable $" + name);
            return headers.getOrDefault(name, "");
        }
        String source = variable(nginxMap.source(), headers);
        String fallback = "";
        for (Entry entry : nginxMap.entries()) {
            if (entry.key().equals("default")) {
                fallback = value(entry.value(), Map.of(), headers);
            } else if (!entry.key().startsWith("~") && entry.key().equals(source)) {
                return value(entry.value(), Map.of(), headers);
            }
        }
        for (Entry entry : nginxMap.entries()) {
            if (!entry.key().startsWith("~")) {
                continue;
            }
            boolean caseless = entry.key().startsWith("~*");
            // Java names no group with an underscore: number the PCRE names instead.
            Map<String, String> names = new LinkedHashMap<>();
            Matcher named = PCRE_NAME.matcher(entry.key().substring(caseless ? 2 : 1));
            StringBuilder regex = new StringBuilder();
            while (named.find()) {
                String javaName = "g" + names.size();
                names.put(named.group(1), javaName);
                named.appendReplacement(regex, "(?<" + javaName + ">");
            }
            named.appendTail(regex);
            Matcher match = Pattern.compile(regex.toString(), caseless ? Pattern.CASE_INSENSITIVE : 0).matcher(source);
            if (match.find()) {
                Map<String, String> captures = new HashMap<>();
                names.forEach((pcre, java) -> captures.put(pcre, match.group(java)));
                return value(entry.value(), captures, headers);
            }
        }
        return fallback;
    }

    private static String value(String value, Map<String, String> captures, Map<String, String> headers) {
        if (!value.startsWith("$")) {
            return value.replace("\"", "");
        }
        String name = value.substring(1).toLowerCase(Locale.ROOT);
        return captures.containsKey(name) ? captures.get(name) : variable(name, headers);
    }
}

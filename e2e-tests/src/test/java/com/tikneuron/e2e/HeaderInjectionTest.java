package com.tikneuron.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.e2e.RawHttp.Answer;

/**
 * Header injection over raw sockets: CR and LF inside header values, in X-Request-Id and Idempotency-Key, oversized
 * headers, duplicate API keys and floods of headers. Every answer is a 4xx or a sanitised success, never a 5xx; no
 * injected header ever comes back (no response splitting); the request id echoed is always a safe one, and the
 * injected text never starts a line of the gateway's log.
 */
@ExtendWith(NoServerErrors.class)
class HeaderInjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    // A generated video of the stand-in's, used by no other test: what this class gets served never turns
    // another test's first, paid call into a cached one.
    private static final String URL = "https://www.tiktok.com/@loadtest/video/7399000000000000102";
    /** Marks every injected line, to look for it in answers and logs. */
    private static final String MARK = "Injected" + UUID.randomUUID().toString().replace("-", "");
    private static KeyRing keys;

    @BeforeAll
    static void createCustomer() {
        keys = new KeyRing(1_000);
    }

    private static List<String> injectedHeaders() {
        return List.of(
                "X-Request-Id: abc\r\n" + MARK + ": 1",
                "X-Request-Id: abc\r" + MARK + ": 1",
                "X-Request-Id: abc\n" + MARK + ": 1",
                "X-Request-Id: abc\n\r\n" + MARK + ": 1",
                "X-Request-Id: abc%0d%0a" + MARK + ":%201",
                "X-Request-Id: abc\u0000" + MARK,
                "X-Request-Id: abc\u000b" + MARK,
                "X-Request-Id: " + MARK + "\u00e9\u00ff",
                "X-Request-Id: " + MARK + " 12:00:00.000 ERROR [forged] fake line",
                "X-Request-Id: " + "r".repeat(129) + MARK,
                "X-Request-Id: <script>" + MARK + "</script>",
                "X-Request-Id: " + MARK + "\r\n X-Folded: continued",
                "Idempotency-Key: key\r\n" + MARK + ": 1",
                "Idempotency-Key: key\r" + MARK + ": 1",
                "Idempotency-Key: key\n" + MARK + ": 1",
                "Idempotency-Key: key\u0000" + MARK,
                "Idempotency-Key: k\u00e9y" + MARK,
                "Idempotency-Key: " + "k".repeat(300) + MARK,
                "Idempotency-Key: ",
                "Idempotency-Key: a b\u007f" + MARK,
                "API-KEY: " + "tn_live_x\r\n" + MARK + ": 1",
                "API-KEY: " + "tn_live_x\n" + MARK + ": 1",
                "Content-Type: application/json\r\n" + MARK + ": 1",
                "Accept: application/json\r" + MARK + ": 1",
                "X-Forwarded-Host: evil.example\r\n" + MARK + ": 1",
                "Host: evil.example",
                MARK + " no colon at all",
                ": " + MARK,
                "X Bad Name: " + MARK,
                "X-Request-Id : " + MARK);
    }

    @Test
    void injectedHeadersNeverComeBackAndNeverCauseAServerError() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String injected : injectedHeaders()) {
            Answer answer = RawHttp.send(RawHttp.post("/api/v1/tiktok/subtitle", keys.key(),
                    "{\"url\":\"" + URL + "\",\"format\":\"txt\"}", injected));
            NoServerErrors.record("injected " + shown(injected), answer.status());
            String problem = judge(answer, Set.of(200, 400, 401, 404, 413, 415, 422, 431));
            if (problem != null) {
                failures.add(shown(injected) + " -> " + problem);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void oversizedDuplicateAndFloodedHeadersGetA4xxOrAreServed() throws Exception {
        List<List<String>> cases = new ArrayList<>();
        cases.add(List.of("X-Big: " + "a".repeat(20_000)));
        cases.add(List.of("X-Request-Id: " + "b".repeat(100_000)));
        cases.add(List.of("API-KEY: tn_live_" + "c".repeat(50_000)));
        cases.add(List.of("Idempotency-Key: " + "d".repeat(9_000)));
        cases.add(List.of("API-KEY: tn_live_wrongwrongwrong"));
        cases.add(List.of("API-KEY: tn_live_wrongwrongwrong", "Authorization: Bearer tn_live_wrong"));
        cases.add(List.of("Authorization: Bearer " + keys.key(), "Authorization: Bearer tn_live_wrong"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add("X-H" + i + ": " + i);
        }
        cases.add(many);
        List<String> manySame = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            manySame.add("X-Request-Id: same" + i);
        }
        cases.add(manySame);
        List<String> manyKeys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            manyKeys.add("API-KEY: tn_live_k" + i);
        }
        cases.add(manyKeys);

        List<String> failures = new ArrayList<>();
        for (List<String> headers : cases) {
            Answer answer = RawHttp.send(RawHttp.post("/api/v1/tiktok/subtitle", keys.key(),
                    "{\"url\":\"" + URL + "\",\"format\":\"txt\"}", headers.toArray(String[]::new)));
            String name = headers.size() + " header(s) starting " + shown(headers.get(0));
            NoServerErrors.record(name, answer.status());
            String problem = judge(answer, Set.of(200, 400, 401, 413, 422, 431));
            if (problem != null) {
                failures.add(name + " -> " + problem);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void injectedTextNeverStartsALineOfTheGatewayLog() throws Exception {
        // The stack's logs are beside its admin token (scripts/stack.sh writes both to .local/<stack>/).
        Path log = Path.of(System.getProperty("tikneuron.e2e.gateway-log",
                Path.of(System.getProperty("tikneuron.e2e.admin-token-file")).resolveSibling("gateway.log").toString()));
        Assumptions.assumeTrue(Files.isReadable(log), "the gateway log is not on this machine: " + log);
        String unique = MARK + "log";
        for (String value : List.of("abc\n" + unique + " ERROR forged", "abc\r" + unique + " ERROR forged",
                "abc\r\n" + unique + " ERROR forged")) {
            Answer answer = RawHttp.send(RawHttp.post("/api/v1/tiktok/subtitle", "tn_live_nokey",
                    "{\"url\":\"" + URL + "\"}", "X-Request-Id: " + value, "Idempotency-Key: " + value));
            NoServerErrors.record("log injection", answer.status());
        }
        Thread.sleep(1_000);
        List<String> forged = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                .filter(line -> line.startsWith(unique)).toList();
        assertEquals(List.of(), forged);
    }

    /** Null when the answer is acceptable: an allowed status (or a close), nothing injected echoed, a safe id. */
    private static String judge(Answer answer, Set<Integer> allowed) {
        if (answer.closedWithoutAnswer()) {
            return null;
        }
        if (!allowed.contains(answer.status())) {
            return "status " + answer.status() + " " + abbreviate(answer.body());
        }
        for (String line : answer.headerLines()) {
            // Echoing the marker inside a value is harmless; a header of its own would be a split response.
            String name = line.indexOf(':') < 0 ? line : line.substring(0, line.indexOf(':'));
            if (name.contains(MARK) || line.startsWith(" ") || line.startsWith("\t")) {
                return "injected header came back: " + shown(line);
            }
        }
        List<String> ids = answer.header("X-Request-Id");
        boolean fromHttpLayer = (answer.status() == 400 || answer.status() == 431) && !looksJson(answer);
        if (!fromHttpLayer && ids.size() != 1) {
            return "X-Request-Id headers: " + ids;
        }
        for (String id : ids) {
            if (!SAFE_ID.matcher(id).matches()) {
                return "unsafe request id echoed: " + shown(id);
            }
        }
        if (answer.status() >= 400 && !fromHttpLayer) {
            JsonNode body = parse(answer.body());
            if (body == null || !body.hasNonNull("request_id")) {
                return "status " + answer.status() + " without a JSON error body: " + abbreviate(answer.body());
            }
        }
        return null;
    }

    private static boolean looksJson(Answer answer) {
        return answer.header("Content-Type").stream().anyMatch(type -> type.startsWith("application/json"));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String shown(String text) {
        String cut = text.length() > 100 ? text.substring(0, 100) + "…(" + text.length() + ")" : text;
        return cut.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
    }

    private static String abbreviate(String text) {
        return shown(text);
    }
}

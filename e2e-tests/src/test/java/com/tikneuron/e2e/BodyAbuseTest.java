package com.tikneuron.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tikneuron.e2e.RawHttp.Answer;
import com.tikneuron.e2e.Stack.Customer;

/**
 * Malformed and oversized bodies through the real stack, on the three paid routes: each gets a 4xx with a JSON
 * error body carrying a request id, never a 5xx, and costs nothing. Broken HTTP framing (bad chunks, conflicting
 * lengths) is refused by the HTTP layer: a 4xx or a closed connection, never a 5xx. The gateway's own tests cover
 * the same rules per field against fake services; here they run through the jars, billing and the capability
 * services.
 */
@ExtendWith(NoServerErrors.class)
class BodyAbuseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ROUTES = List.of("/api/v1/tiktok/subtitle", "/api/v1/tiktok/summarize",
            "/api/v1/tiktok/diarization");
    // A generated video of the stand-in's, used by no other test: what this class gets served never turns
    // another test's first, paid call into a cached one.
    private static final String URL = "https://www.tiktok.com/@loadtest/video/7399000000000000101";
    private static final long CREDITS = 1_000;
    private static KeyRing keys;

    @BeforeAll
    static void createCustomer() {
        keys = new KeyRing(CREDITS);
    }

    /** One malformed request: its content type (null: none), body bytes, chunked or not, the statuses allowed. */
    private record Case(String name, String contentType, byte[] body, boolean chunked, Set<Integer> allowed) {
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String pad = "x".repeat(70 * 1024);
        cases.add(new Case("70 KiB declared", "application/json",
                utf8("{\"url\":\"" + URL + "\",\"pad\":\"" + pad + "\"}"), false, Set.of(413)));
        cases.add(new Case("2 MiB declared", "application/json",
                utf8("{\"url\":\"" + URL + "\",\"pad\":\"" + "y".repeat(2 * 1024 * 1024) + "\"}"), false, Set.of(413)));
        cases.add(new Case("70 KiB chunked", "application/json",
                utf8("{\"url\":\"" + URL + "\",\"pad\":\"" + pad + "\"}"), true, Set.of(413)));
        cases.add(new Case("nested arrays", "application/json", utf8("[".repeat(60_000)), false, Set.of(400)));
        cases.add(new Case("nested objects", "application/json",
                utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)), false, Set.of(400, 422)));
        cases.add(new Case("nested url value", "application/json",
                utf8("{\"url\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}"), false, Set.of(400, 422)));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "image/png", "garbage/\u00e9")) {
            cases.add(new Case("content type " + type, type, utf8("{\"url\":\"" + URL + "\"}"), false, Set.of(415)));
        }
        cases.add(new Case("no content type", null, utf8("{\"url\":\"" + URL + "\"}"), false, Set.of(415)));
        cases.add(new Case("invalid UTF-8", "application/json",
                bytes(utf8("{\"url\":\""), new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0xc3 }, utf8("\"}")),
                false, Set.of(400, 422)));
        cases.add(new Case("overlong UTF-8 slash", "application/json",
                bytes(utf8("{\"url\":\"https:"), new byte[] { (byte) 0xc0, (byte) 0xaf, (byte) 0xc0, (byte) 0xaf },
                        utf8("127.0.0.1/\"}")), false, Set.of(400, 422)));
        cases.add(new Case("UTF-16 with BOM", "application/json",
                bytes(new byte[] { (byte) 0xfe, (byte) 0xff }, "{\"url\":\"x\"}".getBytes(StandardCharsets.UTF_16BE)),
                false, Set.of(400, 415, 422)));
        cases.add(new Case("NUL bytes", "application/json", utf8("{\"url\":\"\u0000\u0000\"}\u0000"), false, Set.of(400, 422)));
        cases.add(new Case("empty", "application/json", new byte[0], false, Set.of(400, 422)));
        for (String body : List.of("null", "[]", "\"url\"", "123", "true", "{", "{\"url\":", "{\"url\" \"x\"}",
                "{'url':'" + URL + "'}", "{\"url\":\"" + URL + "\"}garbage", "{\"url\":\"" + URL + "\",}",
                "{\"url\":NaN}", "{\"url\":\"" + URL + "\"}{\"url\":\"" + URL + "\"}")) {
            cases.add(new Case("body " + body, "application/json", utf8(body), false, Set.of(400)));
        }
        cases.add(new Case("duplicate fields", "application/json",
                utf8("{\"url\":\"" + URL + "\",\"url\":\"http://127.0.0.1/\"}"), false, Set.of(400, 422)));
        cases.add(new Case("url of wrong types", "application/json",
                utf8("{\"url\":{\"href\":\"" + URL + "\"},\"format\":[\"srt\"],\"summary_type\":1,\"language\":false}"),
                false, Set.of(400, 422)));
        cases.add(new Case("huge number", "application/json", utf8("{\"url\":1" + "0".repeat(50_000) + "}"), false,
                Set.of(400, 422)));
        return cases;
    }

    @Test
    void malformedBodiesGetA4xxJsonErrorAndCostNothing() throws Exception {
        List<String> failures = new ArrayList<>();
        System.out.printf("malformed bodies: %d cases on %d routes%n", cases().size(), ROUTES.size());
        for (Case c : cases()) {
            for (String route : ROUTES) {
                Answer answer = RawHttp.send(request(route, c));
                NoServerErrors.record(route + " " + c.name(), answer.status());
                JsonNode body = parse(answer.body());
                if (!c.allowed().contains(answer.status()) || body == null || !body.hasNonNull("request_id")) {
                    failures.add(route + " " + c.name() + " -> " + answer.status() + " " + abbreviate(answer.body()));
                }
            }
        }
        assertEquals(List.of(), failures);
        keys.assertCreditsUnchanged();
    }

    @Test
    void brokenFramingIsRefusedWithoutAServerError() throws Exception {
        // Its own customer: a request with both Transfer-Encoding and Content-Length may be served (chunked wins).
        Customer framing = Stack.customer(CREDITS);
        String host = "Host: " + RawHttp.host() + ":" + RawHttp.port() + "\r\n";
        String start = "POST /api/v1/tiktok/subtitle HTTP/1.1\r\n" + host + "API-KEY: " + framing.key()
                + "\r\nContent-Type: application/json\r\nConnection: close\r\n";
        String json = "{\"url\":\"" + URL + "\"}";
        List<String> requests = List.of(
                start + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + json + "\r\n0\r\n\r\n",
                start + "Transfer-Encoding: chunked\r\n\r\n-5\r\nabc\r\n0\r\n\r\n",
                start + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nabc\r\n0\r\n\r\n",
                start + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n",
                start + "Transfer-Encoding: chunked\r\n\r\n5;" + "x".repeat(20_000) + "\r\nabcde\r\n0\r\n\r\n",
                start + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n" + Integer.toHexString(json.length())
                        + "\r\n" + json + "\r\n0\r\n\r\n",
                start + "Transfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                start + "Content-Length: -1\r\n\r\n" + json,
                start + "Content-Length: abc\r\n\r\n" + json,
                start + "Content-Length: 5\r\nContent-Length: 50\r\n\r\n" + json,
                start + "Content-Length: 99999999999999999999999\r\n\r\n" + json,
                "GARBAGE\r\n\r\n",
                "POST /api/v1/tiktok/subtitle HTTP/9.9\r\n" + host + "\r\n");
        // Not here: a connection that sends only control characters and blank lines. The HTTP decoder skips them
        // as it skips the blank lines between requests, so it is an idle connection still waiting for a request
        // line, which the gateway's idle timeout and, in deployment, the ingress close (see SlowClientsTest).
        List<String> failures = new ArrayList<>();
        for (String request : requests) {
            Answer answer;
            try {
                answer = RawHttp.send(request.getBytes(StandardCharsets.ISO_8859_1), null, 15_000);
            } catch (SocketTimeoutException e) {
                failures.add(abbreviate(request) + " -> no answer, connection still open after 15 s");
                continue;
            }
            NoServerErrors.record("framing " + abbreviate(request), answer.status());
            boolean servable = request.contains("chunked\r\nContent-Length") && answer.status() == 200;
            if (!(servable || answer.closedWithoutAnswer() || (answer.status() >= 400 && answer.status() < 500))) {
                failures.add(abbreviate(request) + " -> " + answer.status() + " " + abbreviate(answer.body()));
            }
        }
        assertEquals(List.of(), failures);
    }

    private static byte[] request(String route, Case c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder("POST ").append(route).append(" HTTP/1.1\r\n")
                .append("Host: ").append(RawHttp.host()).append(':').append(RawHttp.port()).append("\r\n")
                .append("API-KEY: ").append(keys.key()).append("\r\n")
                .append("Connection: close\r\n");
        if (c.contentType() != null) {
            head.append("Content-Type: ").append(c.contentType()).append("\r\n");
        }
        if (c.chunked()) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            for (int at = 0; at < c.body().length; at += 8192) {
                int size = Math.min(8192, c.body().length - at);
                out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(c.body(), at, size);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            head.append("Content-Length: ").append(c.body().length).append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(c.body());
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 160 ? text.substring(0, 160) + "…" : text;
        return shown.replace("\r", "\\r").replace("\n", "\\n");
    }
}

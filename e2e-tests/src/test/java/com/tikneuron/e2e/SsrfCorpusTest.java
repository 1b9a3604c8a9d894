package com.tikneuron.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * Server-side request forgery: hostile URLs sent through the three paid routes, directly and behind short links
 * the TikTok stand-in redirects at runtime. A canary HTTP server on loopback counts every request it gets; it must
 * get none, every answer must be a 4xx with the contract's body, and the customer keeps every credit.
 */
@ExtendWith(NoServerErrors.class)
class SsrfCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ROUTES = List.of("/api/v1/tiktok/subtitle", "/api/v1/tiktok/summarize",
            "/api/v1/tiktok/diarization");
    private static final long CREDITS = 10_000;

    private static final AtomicInteger CANARY_HITS = new AtomicInteger();
    private static final ConcurrentLinkedQueue<String> CANARY_LOG = new ConcurrentLinkedQueue<>();
    private static final List<HttpServer> CANARIES = new ArrayList<>();
    private static int port;
    private static KeyRing keys;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startCanary() throws IOException {
        HttpServer first = canary(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        port = first.getAddress().getPort();
        // The same port on other loopback addresses, where the machine allows it.
        for (String address : List.of("127.0.0.2", "127.1.2.3", "::1")) {
            try {
                canary(new InetSocketAddress(InetAddress.getByName(address), port));
            } catch (IOException e) {
                // not bindable here; 127.0.0.1 is enough for the assertion
            }
        }
        keys = new KeyRing(CREDITS);
    }

    @AfterAll
    static void stopCanary() {
        CANARIES.forEach(server -> server.stop(0));
    }

    private static HttpServer canary(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 50);
        server.createContext("/", exchange -> {
            CANARY_HITS.incrementAndGet();
            CANARY_LOG.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " Host: "
                    + exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        CANARIES.add(server);
        return server;
    }

    /** URLs the gateway's validation must refuse outright: 422 with the contract's validation body. */
    static List<String> hostileUrls(int port) {
        String video = "/@someone/video/7354861484037524768";
        String canary = "127.0.0.1:" + port;
        List<String> urls = new ArrayList<>(List.of(
                // other hosts and look-alikes
                "http://" + canary + "/", "http://" + canary + video, "https://" + canary + video,
                "http://localhost:" + port + "/", "http://localhost" + video, "http://127.0.0.1" + video,
                "https://evil.example" + video, "https://tiktok.com.evil.example" + video,
                "https://www.tiktok.com.evil.example" + video, "https://eviltiktok.com" + video,
                "https://tiktok.co" + video, "https://www.tiktok.com.127.0.0.1.nip.io" + video,
                "https://vm.tiktok.com.evil.example/ZMabc123/", "https://evil.example/vm.tiktok.com/ZMabc123/",
                "https://www.tiktok.evil.example" + video, "https://xn--tiktk-5ve.com" + video,
                "https://www.tiktоk.com" + video, "https://www.tіktok.com" + video, "https://ｗｗｗ.tiktok.com" + video,
                "https://www.tiktok．com" + video, "https://www.tiktok。com" + video,
                // IP literals in every notation
                "http://2130706433" + video, "http://2130706433:" + port + "/", "http://017700000001" + video,
                "http://0177.0.0.1" + video, "http://0x7f000001" + video, "http://0x7f.0x0.0x0.0x1" + video,
                "http://0x7f.1" + video, "http://127.1" + video, "http://127.0.1" + video, "http://0" + video,
                "http://0.0.0.0" + video, "http://0.0.0.0:" + port + "/", "http://[::1]" + video,
                "http://[::1]:" + port + "/", "http://[::]" + video, "http://[0:0:0:0:0:0:0:1]" + video,
                "http://[::ffff:127.0.0.1]" + video, "http://[::ffff:7f00:1]:" + port + "/",
                "http://[0:0:0:0:0:ffff:127.0.0.1]" + video, "http://[::ffff:169.254.169.254]/latest/meta-data/",
                "http://[fe80::1%25lo]" + video, "http://[fd00:ec2::254]/latest/meta-data/",
                "http://10.0.0.1" + video, "http://172.16.0.1" + video, "http://192.168.1.1" + video,
                "http://100.64.0.1" + video, "http://127.0.0.2:" + port + "/",
                // cloud metadata
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                "http://169.254.169.254" + video, "http://metadata.google.internal/computeMetadata/v1/",
                "http://metadata" + video, "http://169.254.170.2/v2/credentials", "http://100.100.100.200/latest/meta-data/",
                "http://0xa9fea9fe/latest/meta-data/", "http://2852039166/latest/meta-data/",
                // user-info tricks
                "https://www.tiktok.com@" + canary + "/", "https://www.tiktok.com@" + canary + video,
                "https://www.tiktok.com:443@" + canary + video, "https://user:pass@www.tiktok.com" + video,
                "https://www.tiktok.com%40" + canary + video, "https://www.tiktok.com%2540" + canary + video,
                "https://@www.tiktok.com" + video, "https://" + canary + "@www.tiktok.com" + video,
                "https://www.tiktok.com#@" + canary + video, "https://www.tiktok.com?@" + canary + video,
                "https://www.tiktok.com\\@" + canary + video,
                // encoded dots and slashes, backslashes
                "https://www%2etiktok%2ecom" + video, "https://www.tiktok%2ecom" + video,
                "https://www.tiktok.com%2f@" + canary + video, "https://" + canary + "%2f.www.tiktok.com" + video,
                "https://www.tiktok.com%5c@" + canary + video, "https:\\\\www.tiktok.com" + video,
                "https:/\\" + canary + video, "https://" + canary + "\\.www.tiktok.com" + video,
                "https://www.tiktok.com\\.." + video, "https://www.tiktok.com/..%2f..%2f" + canary,
                "https://www.tiktok.com/%2e%2e/%2e%2e/etc/passwd", "https:www.tiktok.com" + video,
                "https:/www.tiktok.com" + video, "//www.tiktok.com" + video, "www.tiktok.com" + video,
                // ports
                "https://www.tiktok.com:" + port + video, "https://www.tiktok.com:8080" + video,
                "https://www.tiktok.com:22" + video, "https://vm.tiktok.com:" + port + "/ZMabc123/",
                "https://www.tiktok.com:0" + video, "https://www.tiktok.com:65536" + video,
                "https://www.tiktok.com:-1" + video,
                // other schemes
                "file:///etc/passwd", "file://localhost/etc/passwd", "file:///proc/self/environ",
                "gopher://" + canary + "/_GET%20/%20HTTP/1.1", "ftp://" + canary + "/", "ftp://www.tiktok.com" + video,
                "javascript:alert(1)", "javascript://www.tiktok.com/%0aalert(1)", "data:text/html,<script>alert(1)</script>",
                "dict://" + canary + "/info", "ldap://" + canary + "/", "jar:http://" + canary + "/x.jar!/",
                "netdoc:///etc/passwd", "ws://www.tiktok.com" + video, "wss://www.tiktok.com" + video,
                "httpx://www.tiktok.com" + video, " https://" + canary + "/", "https://www.tiktok.com " + canary,
                // control characters and whitespace
                "https://www.tiktok.com\r\nHost: " + canary + video, "https://www.tiktok.com\n@" + canary + video,
                "https://www.tiktok.com\u0000@" + canary + video, "https://www.tiktok.com\t" + video,
                // shapes of TikTok that are not videos
                "https://www.tiktok.com/", "https://www.tiktok.com/@someone", "https://www.tiktok.com/login",
                "https://www.tiktok.com/@someone/video/" + canary, "https://www.tiktok.com/@someone/video/123",
                "https://vm.tiktok.com/", "https://vm.tiktok.com/ZM/../../" + canary,
                "https://www.tiktok.com/t/ZMabc/../../../" + canary + "/"));
        // very long URLs
        urls.add("https://www.tiktok.com/@" + "a".repeat(5000) + "/video/7354861484037524768");
        urls.add("https://" + "a.".repeat(1200) + "tiktok.com" + video);
        urls.add("https://www.tiktok.com" + video + "?x=" + "b".repeat(3000));
        urls.add("https://vm.tiktok.com/" + "Z".repeat(100) + "/");
        return urls;
    }

    @Test
    void hostileUrlsAreRefusedWithTheValidationBody() throws Exception {
        List<String> urls = hostileUrls(port);
        assertTrue(urls.size() >= 100, "corpus size " + urls.size());
        System.out.printf("SSRF corpus: %d hostile URLs on %d routes%n", urls.size(), ROUTES.size());
        List<String> failures = new ArrayList<>();
        for (String url : urls) {
            for (String route : ROUTES) {
                HttpResponse<String> response = post(route, url);
                NoServerErrors.record(route + " " + url, response.statusCode());
                JsonNode body = parse(response.body());
                boolean validation = response.statusCode() == 422 && body != null
                        && "The given data was invalid.".equals(body.path("message").asText())
                        && body.path("errors").size() == 1
                        && body.path("errors").path("url").size() == 1
                        && "Please provide a valid TikTok URL.".equals(body.path("errors").path("url").path(0).asText())
                        && body.path("request_id").asText().length() > 0;
                if (!validation) {
                    failures.add(route + " " + printable(url) + " -> " + response.statusCode() + " " + response.body());
                }
            }
        }
        assertAll(SsrfCorpusTest::assertCanaryUntouched, () -> assertEquals(List.of(), failures),
                SsrfCorpusTest::assertCreditsUnchanged);
    }

    @Test
    void shortLinksRedirectingOffTikTokAreNotFollowed() throws Exception {
        String canary = "127.0.0.1:" + port;
        List<String> locations = List.of(
                "http://" + canary + "/secret", "https://" + canary + "/secret", "http://localhost:" + port + "/",
                "http://[::1]:" + port + "/", "http://[::ffff:127.0.0.1]:" + port + "/", "http://127.0.0.2:" + port + "/",
                "http://2130706433:" + port + "/", "http://0x7f000001:" + port + "/", "http://0177.0.0.1:" + port + "/",
                "http://0.0.0.0:" + port + "/", "http://169.254.169.254/latest/meta-data/",
                "http://metadata.google.internal/computeMetadata/v1/", "http://10.0.0.1/", "http://192.168.0.1/",
                "https://www.tiktok.com@" + canary + "/", "https://www.tiktok.com@" + canary + "/@x/video/7354861484037524768",
                "https://www.tiktok.com:" + port + "/@x/video/7354861484037524768",
                "https://tiktok.com.evil.example/@x/video/7354861484037524768", "//" + canary + "/",
                "/\\" + canary + "/", "file:///etc/passwd", "gopher://" + canary + "/_x", "ftp://" + canary + "/",
                "javascript:alert(1)", "");
        List<String> links = new ArrayList<>();
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        for (int i = 0; i < locations.size(); i++) {
            String code = "ZMssrf" + run + i;
            register("vm.tiktok.com", code, locations.get(i));
            links.add("https://vm.tiktok.com/" + code + "/");
        }
        // Chains: a short link to another short link that then leaves TikTok, on each short-link host.
        register("vm.tiktok.com", "ZMchain" + run, "https://vt.tiktok.com/ZMchainb" + run + "/");
        register("vt.tiktok.com", "ZMchainb" + run, "http://" + canary + "/chained");
        links.add("https://vm.tiktok.com/ZMchain" + run + "/");
        register("www.tiktok.com", "ZTt" + run, "http://" + canary + "/t");
        links.add("https://www.tiktok.com/t/ZTt" + run + "/");
        // A loop between two short links must end, not spin.
        register("vm.tiktok.com", "ZMloopa" + run, "https://vm.tiktok.com/ZMloopb" + run + "/");
        register("vm.tiktok.com", "ZMloopb" + run, "https://vm.tiktok.com/ZMloopa" + run + "/");
        links.add("https://vm.tiktok.com/ZMloopa" + run + "/");

        System.out.printf("SSRF short links: %d links on %d routes%n", links.size(), ROUTES.size());
        List<String> failures = new ArrayList<>();
        for (String link : links) {
            for (String route : ROUTES) {
                HttpResponse<String> response = post(route, link);
                NoServerErrors.record(route + " " + link, response.statusCode());
                JsonNode body = parse(response.body());
                boolean documented = Set.of(404, 422).contains(response.statusCode()) && body != null
                        && body.path("request_id").asText().length() > 0
                        && (body.has("errors") ? body.path("errors").has("url")
                                : Set.of("video_unavailable", "processing_failed", "no_subtitle_available")
                                        .contains(body.path("error_code").asText()));
                if (!documented) {
                    failures.add(route + " " + link + " -> " + response.statusCode() + " " + response.body());
                }
            }
        }
        // The redirects were really served: the stand-in saw the first hop of every link.
        JsonNode stats = JSON.readTree(get(Stack.STANDIN + "/__standin/stats").body()).path("short_links");
        List<String> neverFetched = new ArrayList<>();
        for (int i = 0; i < locations.size(); i++) {
            if (stats.path("vm.tiktok.com/ZMssrf" + run + i).asInt() < 1) {
                neverFetched.add(locations.get(i));
            }
        }
        assertAll(SsrfCorpusTest::assertCanaryUntouched, () -> assertEquals(List.of(), failures),
                () -> assertEquals(List.of(), neverFetched, "short links the stand-in never served"),
                SsrfCorpusTest::assertCreditsUnchanged);
    }

    private static void register(String host, String code, String location) throws Exception {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("host", host).put("code", code).put("location", location);
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(Stack.STANDIN + "/__standin/short-links"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode(), "registering " + code + ": " + response.body());
    }

    private static HttpResponse<String> post(String route, String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(Stack.GATEWAY + route))
                .header("Content-Type", "application/json")
                .header("API-KEY", keys.key())
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("url", url)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertCanaryUntouched() {
        assertEquals(0, CANARY_HITS.get(), "requests that reached the canary: " + CANARY_LOG);
    }

    private static void assertCreditsUnchanged() {
        keys.assertCreditsUnchanged();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String printable(String url) {
        String shown = url.length() > 120 ? url.substring(0, 120) + "…(" + url.length() + " chars)" : url;
        return shown.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0").replace("\t", "\\t");
    }
}

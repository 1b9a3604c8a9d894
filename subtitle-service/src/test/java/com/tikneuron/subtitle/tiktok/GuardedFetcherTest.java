package com.tikneuron.subtitle.tiktok;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.vertx.core.Vertx;

/** The fetcher never sends a byte to an address that is not TikTok's (or the configured stand-in's). */
class GuardedFetcherTest {

    private static final String ID = "7354861484037524768";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Vertx vertx;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> resolved = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> seenHeaders = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Handler handler = exchange -> respond(exchange, 200, "ok".getBytes());

    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            seenHeaders.add(Map.of(
                    "uri", exchange.getRequestURI().toString(),
                    "forwarded", String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-Host")),
                    "cookie", String.valueOf(exchange.getRequestHeaders().getFirst("Cookie")),
                    "agent", String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent"))));
            handler.handle(exchange);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private GuardedFetcher direct(String... addresses) {
        return new GuardedFetcher(vertx, new GuardedFetcher.Settings(Optional.empty(), "test-agent", "en", Duration.ofSeconds(2)),
                host -> {
                    resolved.add(host);
                    return Stream.of(addresses).map(GuardedFetcherTest::address).toList();
                });
    }

    private GuardedFetcher standIn() {
        return new GuardedFetcher(vertx, new GuardedFetcher.Settings(Optional.of(URI.create(origin())), "test-agent", "en",
                Duration.ofSeconds(2)), host -> {
                    throw new UnknownHostException("stand-in mode never resolves");
                });
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static FetchRequest page(String url, CookieJar jar) {
        return new FetchRequest(url, FetchRequest.Kind.PAGE, "GET", Map.of(), jar, 1_000_000, TIMEOUT);
    }

    private static Throwable failureOf(GuardedFetcher fetcher, FetchRequest request) {
        try {
            fetcher.fetch(request).await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the fetch was expected to fail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1",
            "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
            "64:ff9b::a00:1", "2002:7f00:1::1"})
    void aTikTokHostResolvingToANonPublicAddressIsRefusedBeforeConnecting(String answer) {
        Throwable failure = failureOf(direct(answer), page("https://www.tiktok.com/@_/video/" + ID, new CookieJar()));
        assertInstanceOf(BlockedAddressException.class, failure);
        assertEquals(List.of("www.tiktok.com"), resolved);
        assertEquals(0, requests.get());
    }

    @Test
    void oneNonPublicAnswerAmongPublicOnesTaintsTheWholeAnswer() {
        Throwable failure = failureOf(direct("151.101.1.1", "127.0.0.1"), page("https://www.tiktok.com/@_/video/" + ID, null));
        assertInstanceOf(BlockedAddressException.class, failure);
        assertEquals(0, requests.get());
    }

    static Stream<String> offListUrls() {
        return TikTokUrlsTest.hostileUrls().filter(u -> !u.isBlank());
    }

    @ParameterizedTest
    @MethodSource("offListUrls")
    void hostileUrlsNeverReachANonTikTokAddress(String url) {
        Throwable failure = failureOf(direct("127.0.0.1"), page(url, null));
        assertInstanceOf(BlockedAddressException.class, failure);
        assertTrue(resolved.stream().allMatch(TikTokHosts::isPageHost), resolved.toString());
        assertEquals(0, requests.get());
    }

    @Test
    void cdnHostsAreOnlyAllowedForCaptionsAndMedia() {
        String caption = "https://v16-webapp.tiktokcdn.com/tos/captions/" + ID + "/eng-US.vtt";
        assertInstanceOf(BlockedAddressException.class, failureOf(standIn(), page(caption, null)));
        FetchedResponse response = standIn().fetch(new FetchRequest(caption, FetchRequest.Kind.CDN, "GET", Map.of(), null, 1000, TIMEOUT))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(200, response.status());
        for (String lookalike : List.of("https://tiktokcdn.com.evil.net/x.vtt", "https://eviltiktokcdn.com/x.vtt", "https://127.0.0.1/x.vtt")) {
            assertInstanceOf(BlockedAddressException.class, failureOf(standIn(),
                    new FetchRequest(lookalike, FetchRequest.Kind.CDN, "GET", Map.of(), null, 1000, TIMEOUT)));
        }
        assertEquals(1, requests.get());
    }

    @Test
    void standInModeKeepsPathAndQueryAndNamesTheRealHost() {
        CookieJar jar = new CookieJar();
        jar.put("tt_chain_token", "abc");
        handler = exchange -> {
            exchange.getResponseHeaders().add("Set-Cookie", "ttwid=xyz; Path=/; Secure");
            respond(exchange, 200, "page".getBytes());
        };
        FetchedResponse response = standIn().fetch(page("https://www.tiktok.com/@_/video/" + ID + "?lang=en&x=1", jar))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals("page", new String(response.body()));
        assertEquals("/@_/video/" + ID + "?lang=en&x=1", seenHeaders.get(0).get("uri"));
        assertEquals("www.tiktok.com", seenHeaders.get(0).get("forwarded"));
        assertEquals("tt_chain_token=abc", seenHeaders.get(0).get("cookie"));
        assertEquals("test-agent", seenHeaders.get(0).get("agent"));
        assertEquals("tt_chain_token=abc; ttwid=xyz", jar.header());
    }

    @Test
    void redirectsAreReturnedNotFollowed() {
        handler = exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            respond(exchange, 302, new byte[0]);
        };
        FetchedResponse response = standIn().fetch(page("https://vm.tiktok.com/ZMabcdefg/", null)).await().atMost(Duration.ofSeconds(10));
        assertTrue(response.isRedirect());
        assertEquals("http://127.0.0.1:1/elsewhere", response.header("location"));
        assertEquals(1, requests.get());
    }

    @Test
    void bodiesPastTheCapAreCutOff() {
        handler = exchange -> respond(exchange, 200, new byte[64 * 1024]);
        Throwable failure = failureOf(standIn(), new FetchRequest("https://www.tiktok.com/@_/video/" + ID, FetchRequest.Kind.PAGE,
                "GET", Map.of(), null, 10_000, TIMEOUT));
        assertInstanceOf(ResponseTooLargeException.class, failure);
    }

    @Test
    void chunkedBodiesPastTheCapAreCutOffWhileStreaming() {
        handler = exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 64; i++) {
                    out.write(new byte[1024]);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the client hung up once the cap was reached, as it should
            }
        };
        Throwable failure = failureOf(standIn(), new FetchRequest("https://www.tiktok.com/@_/video/" + ID, FetchRequest.Kind.PAGE,
                "GET", Map.of(), null, 10_000, TIMEOUT));
        assertInstanceOf(ResponseTooLargeException.class, failure);
    }

    @Test
    void streamedBodiesArriveWholeWithTheirDeclaredLength() {
        byte[] payload = new byte[50_000];
        new Random(7).nextBytes(payload);
        handler = exchange -> respond(exchange, 200, payload);
        StreamedResponse response = standIn().stream(new FetchRequest("https://v16-webapp.tiktokcdn.com/m.mp4", FetchRequest.Kind.CDN,
                "GET", Map.of(), null, 100_000, TIMEOUT)).await().atMost(Duration.ofSeconds(10));
        assertEquals(50_000L, response.contentLength());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        response.body().subscribe().asStream().forEach(chunk -> received.writeBytes(chunk.getBytes()));
        assertArrayEquals(payload, received.toByteArray());
    }

    @Test
    void aStreamDeclaredPastTheCapIsRefusedBeforeItsBody() {
        handler = exchange -> respond(exchange, 200, new byte[64 * 1024]);
        Throwable failure = assertThrows(RuntimeException.class, () -> standIn().stream(new FetchRequest(
                "https://v16-webapp.tiktokcdn.com/m.mp4", FetchRequest.Kind.CDN, "GET", Map.of(), null, 10_000, TIMEOUT))
                .await().atMost(Duration.ofSeconds(10)));
        assertInstanceOf(ResponseTooLargeException.class, failure);
    }

    @Test
    void aStreamOfUnknownLengthIsCutOffAtTheCap() {
        handler = exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 64; i++) {
                    out.write(new byte[1024]);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the client hung up once the cap was reached, as it should
            }
        };
        StreamedResponse response = standIn().stream(new FetchRequest("https://v16-webapp.tiktokcdn.com/m.mp4", FetchRequest.Kind.CDN,
                "GET", Map.of(), null, 10_000, TIMEOUT)).await().atMost(Duration.ofSeconds(10));
        assertEquals(null, response.contentLength());
        Throwable failure = assertThrows(RuntimeException.class,
                () -> response.body().collect().asList().await().atMost(Duration.ofSeconds(10)));
        assertInstanceOf(ResponseTooLargeException.class, failure);
    }

    @Test
    void aSilentServerMeetsTheDeadline() {
        handler = exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        long started = System.nanoTime();
        Throwable failure = failureOf(standIn(), new FetchRequest("https://www.tiktok.com/@_/video/" + ID, FetchRequest.Kind.PAGE,
                "GET", Map.of(), null, 10_000, Duration.ofMillis(300)));
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        assertInstanceOf(TimeoutException.class, cause);
        // The deadline is 300 ms and the server never answers: the bound only catches a deadline that never fires,
        // with ample room for a busy 2-core machine.
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 20_000);
    }

    @Test
    void aShortLinkRedirectingOffTikTokIsRefusedAndNothingIsSentThere() throws IOException {
        HttpServer canary = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger canaryHits = new AtomicInteger();
        canary.createContext("/", exchange -> {
            canaryHits.incrementAndGet();
            respond(exchange, 200, new byte[0]);
        });
        canary.start();
        try {
            List<String> targets = List.of(
                    "http://127.0.0.1:" + canary.getAddress().getPort() + "/@u/video/" + ID,
                    "http://169.254.169.254/latest/meta-data/",
                    "http://10.0.0.1/@u/video/" + ID,
                    "http://[::1]/@u/video/" + ID,
                    "https://www.tiktok.com.evil.net/@u/video/" + ID,
                    "https://www.tiktok.com@evil.com/@u/video/" + ID,
                    "file:///etc/passwd");
            TikTokClient client = new TikTokClient(standIn(), new PageParser(new ObjectMapper()), new BotChallenge(new ObjectMapper(), 10),
                    new TikTokClient.Limits(100_000, 100_000, 100_000, TIMEOUT, TIMEOUT, 3));
            for (String target : targets) {
                handler = exchange -> {
                    exchange.getResponseHeaders().add("Location", target);
                    respond(exchange, 301, new byte[0]);
                };
                assertThrows(InvalidUrlException.class,
                        () -> client.followShortLink("https://vm.tiktok.com/ZMhvqjqjq/").await().atMost(Duration.ofSeconds(10)), target);
            }
            assertEquals(targets.size(), requests.get());
            assertEquals(0, canaryHits.get());
        } finally {
            canary.stop(0);
        }
    }

    @Test
    void aRedirectToATikTokHostThatResolvesPrivatelyIsRefused() {
        TikTokClient client = new TikTokClient(direct("10.0.0.7"), new PageParser(new ObjectMapper()), new BotChallenge(new ObjectMapper(), 10),
                new TikTokClient.Limits(100_000, 100_000, 100_000, TIMEOUT, TIMEOUT, 3));
        assertThrows(BlockedAddressException.class,
                () -> client.followShortLink("https://vm.tiktok.com/ZMhvqjqjq/").await().atMost(Duration.ofSeconds(10)));
        assertEquals(0, requests.get());
        assertFalse(resolved.isEmpty());
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}

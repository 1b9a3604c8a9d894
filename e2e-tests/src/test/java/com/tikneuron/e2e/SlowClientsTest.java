package com.tikneuron.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.tikneuron.e2e.Stack.Customer;

/**
 * Slow clients (slowloris): connections that send their headers and then trickle the body a byte a second, and
 * connections that trickle the headers themselves. The gateway must answer a trickled body with a 4xx (408 after
 * its body time) or close it within a bounded time, and while all of them are open a normal client must still be
 * served promptly. Trickled headers are not bounded by the gateway: its HTTP server (Vert.x) has no deadline for a
 * request's head, only an idle timeout that every byte resets. In deployment the ingress in front of it cuts them
 * (docs/DEPLOY.md); here they are part of the load the normal client must get through.
 */
@ExtendWith(NoServerErrors.class)
class SlowClientsTest {

    private static final int SLOW_BODIES = 30;
    private static final int SLOW_HEADERS = 25;
    /** How long the gateway may keep a trickling connection before answering or closing it. */
    private static final Duration BOUND = Duration.ofSeconds(Long.getLong("tikneuron.e2e.slow-client-bound-s", 90));
    private static final Duration PROMPT = Duration.ofSeconds(2);

    /** How a slow connection ended: status -1 is a close without an answer; 0 means it was still open at the bound. */
    private record Outcome(String kind, int status, long millis) {
    }

    @Test
    void slowClientsAreCutOffAndOthersAreStillServed() throws Exception {
        Customer customer = Stack.customer(10);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Outcome>> slow = new ArrayList<>();
        String body = "{\"url\":\"https://www.tiktok.com/@loadtest/video/7399000000000000104\",\"format\":\"srt\"}";
        for (int i = 0; i < SLOW_BODIES; i++) {
            String head = "POST /api/v1/tiktok/subtitle HTTP/1.1\r\nHost: " + RawHttp.host() + "\r\nAPI-KEY: "
                    + customer.key() + "\r\nContent-Type: application/json\r\nContent-Length: " + (body.length() + 200)
                    + "\r\n\r\n";
            slow.add(threads.submit(() -> trickle("slow body", head, body + " ".repeat(200))));
        }
        for (int i = 0; i < SLOW_HEADERS; i++) {
            String head = "GET /api/v1/account/credits HTTP/1.1\r\nHost: " + RawHttp.host() + "\r\n";
            slow.add(threads.submit(() -> trickle("slow headers", head, "X-Slow: " + "a".repeat(400) + "\r\n\r\n")));
        }
        Thread.sleep(3_000);

        // Meanwhile, a normal client, each request on a fresh connection.
        byte[] normal = ("GET /api/v1/account/credits HTTP/1.1\r\nHost: " + RawHttp.host() + "\r\nAPI-KEY: "
                + customer.key() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        List<String> slowAnswers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            RawHttp.Answer answer = RawHttp.send(normal);
            long millis = (System.nanoTime() - start) / 1_000_000;
            NoServerErrors.record("normal request " + i, answer.status());
            assertEquals(200, answer.status(), answer.body());
            if (millis > PROMPT.toMillis()) {
                slowAnswers.add("request " + i + " took " + millis + " ms");
            }
            Thread.sleep(250);
        }
        long stillOpenBeforeNormalEnded = slow.stream().filter(f -> !f.isDone()).count();

        List<String> failures = new ArrayList<>();
        for (Future<Outcome> future : slow) {
            Outcome outcome = future.get(BOUND.toSeconds() + 60, TimeUnit.SECONDS);
            NoServerErrors.record(outcome.kind(), outcome.status());
            boolean cutOff = outcome.status() == -1 || (outcome.status() >= 400 && outcome.status() < 500);
            if (!cutOff && outcome.kind().equals("slow body")) {
                failures.add(outcome.kind() + ": " + (outcome.status() == 0 ? "still open after " + BOUND.toSeconds() + " s"
                        : "status " + outcome.status()) + " after " + outcome.millis() + " ms");
            }
        }
        threads.shutdownNow();
        assertTrue(stillOpenBeforeNormalEnded >= 50,
                "the normal requests ran while only " + stillOpenBeforeNormalEnded + " slow connections were open");
        assertEquals(List.of(), slowAnswers, "normal requests answered slowly while slow clients were connected");
        assertEquals(List.of(), failures, "slow bodies not cut off within " + BOUND.toSeconds() + " s");
    }

    /** Sends the head at once, then the rest a byte a second until the server answers, closes, or the bound passes. */
    private static Outcome trickle(String kind, String head, String rest) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = RawHttp.connect(null)) {
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                return new Outcome(kind, -1, elapsed(start));
            }
            int next = 0;
            while (elapsed(start) < BOUND.toMillis()) {
                try {
                    int b = in.read();
                    if (b == -1) {
                        return new Outcome(kind, status(answer), elapsed(start));
                    }
                    answer.write(b);
                    if (answer.toString(StandardCharsets.ISO_8859_1).contains("\r\n")) {
                        return new Outcome(kind, status(answer), elapsed(start));
                    }
                    continue;
                } catch (SocketTimeoutException e) {
                    // nothing from the server this second: send the next byte
                } catch (IOException e) {
                    return new Outcome(kind, status(answer), elapsed(start));
                }
                try {
                    out.write(rest.charAt(next % rest.length()));
                    out.flush();
                    next++;
                } catch (IOException e) {
                    return new Outcome(kind, status(answer), elapsed(start));
                }
            }
            return new Outcome(kind, 0, elapsed(start));
        }
    }

    private static int status(ByteArrayOutputStream answer) {
        String line = answer.toString(StandardCharsets.ISO_8859_1);
        String[] parts = line.split(" ");
        return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1].trim()) : -1;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop load: sends POST requests at a fixed rate whatever the server's latency, and measures each request's
 * latency from the moment it was due (so a stalled server cannot hide its queueing). Run with the source launcher:
 *   java scripts/bench/OpenLoop.java URL RATE SECONDS BODY_TEMPLATE [ACCOUNTS]
 * BODY_TEMPLATE may contain {n} (a unique number) and {account} (round-robin over the comma-separated ACCOUNTS).
 * Prints one line: sent ok other p50_ms p90_ms p99_ms max_ms.
 */
public class OpenLoop {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String template = args[3];
        String[] accounts = args.length > 4 ? args[4].split(",") : new String[] { "" };
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        String prefix = Long.toString(System.nanoTime(), 36);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String body = template.replace("{n}", prefix + "-" + i).replace("{account}", accounts[i % accounts.length]);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int index = i;
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                latencies[index] = System.nanoTime() - due;
                if (failure == null && response.statusCode() / 100 == 2) {
                    ok.incrementAndGet();
                } else {
                    other.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await(60, TimeUnit.SECONDS);
        long[] sorted = Arrays.copyOf(latencies, total);
        Arrays.sort(sorted);
        System.out.printf("%d %d %d %.2f %.2f %.2f %.2f%n", total, ok.get(), other.get(), ms(sorted, 0.50),
                ms(sorted, 0.90), ms(sorted, 0.99), sorted[total - 1] / 1e6);
        System.exit(0);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}

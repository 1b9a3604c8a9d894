package com.tikneuron.billing;

import static com.tikneuron.billing.BillingTestSupport.available;
import static com.tikneuron.billing.BillingTestSupport.openAccount;
import static com.tikneuron.billing.BillingTestSupport.reserved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.tikneuron.testsupport.ServiceCredentialForTests;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HoldConcurrencyTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void twoHundredConcurrentHoldsOnOneHundredCreditsLetExactlyFiftyThrough() throws Exception {
        String account = openAccount(100);
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(32)).build();
        ConcurrentLinkedQueue<Long> observedBalances = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        watcher.scheduleAtFixedRate(() -> {
            if (running.get()) {
                observedBalances.add(available(account));
            }
        }, 0, 5, TimeUnit.MILLISECONDS);

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String body = """
                    {"hold_id":"conc-%s-%d","account_id":"%s","amount":2,"capability":"summary"}
                    """.formatted(account, i, account);
            calls.add(client.sendAsync(HttpRequest.newBuilder(base.resolve("/internal/v1/holds"))
                    .header("Content-Type", "application/json")
                    .header(ServiceCredentialForTests.HEADER, ServiceCredentialForTests.VALUE)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        running.set(false);
        watcher.shutdownNow();

        Map<Integer, Long> byStatus = new java.util.TreeMap<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            byStatus.merge(call.get().statusCode(), 1L, Long::sum);
        }
        assertEquals(Map.of(201, 50L, 402, 150L), byStatus);
        assertEquals(0, available(account));
        assertEquals(100, reserved(account));
        assertTrue(observedBalances.stream().allMatch(balance -> balance >= 0), "a balance went below zero");
        assertTrue(calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 402)
                .allMatch(r -> r.body().contains("\"error_code\":\"insufficient_credits\"")
                        && r.body().contains("\"message\":\"Insufficient credits\"")));
    }
}

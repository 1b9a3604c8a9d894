package com.tikneuron.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tikneuron.gateway.testing.Downstream;
import com.tikneuron.gateway.testing.FakeService.Reply;
import com.tikneuron.gateway.testing.LoopbackClient;
import com.tikneuron.gateway.testing.Seed;
import com.tikneuron.testsupport.BillingStandIn;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A burst of random keys from a few addresses, sent concurrently, spends the lookup budget, yet a known customer
 * whose cache entry keeps expiring is still answered, and each address is cut off after its refusals.
 */
@QuarkusTest
@TestProfile(KeyLookupBurstTest.ColdKnownKeys.class)
@QuarkusTestResource(Downstream.class)
class KeyLookupBurstTest {

    private static final int BUDGET_PER_SECOND = 30;
    private static final int RESERVED_PER_SECOND = 10;
    private static final int REFUSALS_PER_MINUTE = 200;
    private static final List<String> FLOOD_ADDRESSES = List.of("127.0.24.1", "127.0.24.2", "127.0.24.3");
    private static final int KEYS_PER_ADDRESS = 600;
    private static final int KNOWN_CUSTOMERS = 4;
    private static final int CONCURRENCY_PER_ADDRESS = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A small budget, a third of it reserved; known keys cached for 500 ms only, so four known customers need
     * at most eight lookups a second, fewer than the reserved share; 200 refusals per address and minute, so
     * the three addresses together can spend the general budget for several seconds.
     */
    public static class ColdKnownKeys implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = Map.of(
                    "tikneuron.gateway.key-cache.max-lookups-per-second", Integer.toString(BUDGET_PER_SECOND),
                    "tikneuron.gateway.key-cache.reserved-lookups-per-second", Integer.toString(RESERVED_PER_SECOND),
                    "tikneuron.gateway.key-cache.known-ttl", "500ms",
                    "tikneuron.gateway.auth-failures.per-minute", Integer.toString(REFUSALS_PER_MINUTE));
            Map<String, String> both = new HashMap<>(overrides);
            overrides.forEach((name, value) -> both.put("%test." + name, value));
            return both;
        }
    }

    @Test
    void knownCustomerWithAColdCacheEntryIsAnsweredDuringABurstOfRandomKeys() throws Exception {
        Downstream.resetAll();
        BillingStandIn billing = Downstream.billing();
        List<String> known = new ArrayList<>();
        LoopbackClient customers = new LoopbackClient("127.0.0.1");
        Downstream.subtitle().answer(request -> Reply.json(200, Seed.SUBTITLE_RESPONSE));
        for (int i = 0; i < KNOWN_CUSTOMERS; i++) {
            known.add("tn_live_burst_known_customer_000" + i);
            billing.activeKey(known.get(i));
            assertEquals(200, customers.subtitle(known.get(i)).statusCode(), "each customer's key is seen valid once");
        }

        Map<String, Map<Integer, AtomicInteger>> floodStatuses = new ConcurrentHashMap<>();
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger knownAnswered = new AtomicInteger();
        Map<Integer, AtomicInteger> knownStatuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(FLOOD_ADDRESSES.size() * CONCURRENCY_PER_ADDRESS + KNOWN_CUSTOMERS);
        long start = System.nanoTime();
        try {
            List<Future<?>> knownRequests = new ArrayList<>();
            for (String key : known) {
                knownRequests.add(pool.submit(() -> {
                    while (flooding.get()) {
                        int status = customers.subtitle(key).statusCode();
                        knownStatuses.computeIfAbsent(status, ignored -> new AtomicInteger()).incrementAndGet();
                        if (status == 200) {
                            knownAnswered.incrementAndGet();
                        }
                    }
                }));
            }
            List<Future<?>> flood = new ArrayList<>();
            for (String address : FLOOD_ADDRESSES) {
                LoopbackClient guesser = new LoopbackClient(address);
                Map<Integer, AtomicInteger> statuses = floodStatuses.computeIfAbsent(address,
                        ignored -> new ConcurrentHashMap<>());
                for (int worker = 0; worker < CONCURRENCY_PER_ADDRESS; worker++) {
                    flood.add(pool.submit(() -> {
                        for (int i = 0; i < KEYS_PER_ADDRESS / CONCURRENCY_PER_ADDRESS; i++) {
                            int status = guesser.subtitle(randomKey()).statusCode();
                            statuses.computeIfAbsent(status, ignored -> new AtomicInteger()).incrementAndGet();
                        }
                    }));
                }
            }
            for (Future<?> worker : flood) {
                worker.get(5, TimeUnit.MINUTES);
            }
            flooding.set(false);
            for (Future<?> customer : knownRequests) {
                customer.get(1, TimeUnit.MINUTES);
            }
        } finally {
            flooding.set(false);
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        int knownSent = knownStatuses.values().stream().mapToInt(AtomicInteger::get).sum();
        long knownLookups = known.stream().mapToLong(billing::keyLookups).sum();
        long lookups = Downstream.billing().received().size();
        int shed = floodStatuses.values().stream().mapToInt(statuses -> count(statuses, 503)).sum();
        System.out.printf("Key lookup burst: %d addresses x %d random keys (%d concurrent each) in %.1f s; flood answers "
                + "%s; %d lookups reached billing (budget %d/s); %d known customers: %d of %d answered 200 (%.2f %%), "
                + "%d cold lookups, answers %s%n", FLOOD_ADDRESSES.size(), KEYS_PER_ADDRESS, CONCURRENCY_PER_ADDRESS,
                seconds, floodStatuses, lookups, BUDGET_PER_SECOND, KNOWN_CUSTOMERS, knownAnswered.get(), knownSent,
                100.0 * knownAnswered.get() / knownSent, knownLookups, knownStatuses);

        assertTrue(shed > 0, "the burst spent the general budget: " + floodStatuses);
        assertTrue(knownSent >= 40, "the customers kept asking during the burst: " + knownSent);
        assertTrue(knownLookups >= 2L * KNOWN_CUSTOMERS, "the customers' cache entries went cold: " + knownLookups);
        assertTrue(knownAnswered.get() >= Math.ceil(0.99 * knownSent),
                knownAnswered.get() + " of " + knownSent + " answered: " + knownStatuses);
        long allowedLookups = 1 + BUDGET_PER_SECOND + (long) Math.ceil(BUDGET_PER_SECOND * seconds);
        assertTrue(lookups <= allowedLookups, lookups + " lookups in " + seconds + " s");
        long refusalsAllowed = REFUSALS_PER_MINUTE + (long) Math.ceil(REFUSALS_PER_MINUTE * seconds / 60);
        for (String address : FLOOD_ADDRESSES) {
            Map<Integer, AtomicInteger> statuses = floodStatuses.get(address);
            assertEquals(Set.of(), statuses.keySet().stream()
                    .filter(status -> status != 401 && status != 503 && status != 429).collect(Collectors.toSet()),
                    address + " " + statuses);
            int refused = count(statuses, 401) + count(statuses, 503);
            assertTrue(refused <= refusalsAllowed, address + ": " + refused + " keys refused or shed, more than its "
                    + refusalsAllowed + " allowed; a shed lookup is a refusal too: " + statuses);
            assertTrue(count(statuses, 429) > 0, address + " was cut off: " + statuses);
        }
    }

    private static int count(Map<Integer, AtomicInteger> statuses, int status) {
        AtomicInteger counted = statuses.get(status);
        return counted == null ? 0 : counted.get();
    }

    private static String randomKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "tn_live_" + HexFormat.of().formatHex(bytes);
    }
}

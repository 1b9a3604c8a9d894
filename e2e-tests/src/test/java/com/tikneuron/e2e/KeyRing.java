package com.tikneuron.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.tikneuron.e2e.Stack.Customer;

/**
 * Customers for tests that send more requests than one key may send per minute (60): a fresh customer, with the
 * same credits, every {@link #USES_PER_KEY} requests, so the per-key rate limit never answers in the corpus' place.
 */
final class KeyRing {

    static final int USES_PER_KEY = 50;

    private final long credits;
    private final List<Customer> customers = new ArrayList<>();
    private int uses;

    KeyRing(long credits) {
        this.credits = credits;
    }

    /** The key for the next request. */
    synchronized String key() {
        if (customers.isEmpty() || uses == USES_PER_KEY) {
            customers.add(Stack.customer(credits));
            uses = 0;
        }
        uses++;
        return customers.get(customers.size() - 1).key();
    }

    /** Waits until every hold is settled, then asserts that no customer of the ring lost or gained a credit. */
    void assertCreditsUnchanged() {
        for (Customer customer : List.copyOf(customers)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Stack.settled(customer));
            assertEquals(credits, Stack.credits(customer), "credits of " + customer.accountId());
        }
    }
}

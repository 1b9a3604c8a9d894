package com.tikneuron.paid;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.tikneuron.paid.billing.BillingClient;
import com.tikneuron.paid.billing.BillingRejectedException;
import com.tikneuron.paid.billing.Hold;
import com.tikneuron.paid.billing.HoldRequest;
import com.tikneuron.paid.claim.WorkClaims;
import com.tikneuron.paid.messaging.SettlementProducer;
import com.tikneuron.paid.rest.CreditHeaders;
import com.tikneuron.paid.rest.ErrorResponse;
import com.tikneuron.paid.rest.PaidExceptionMappers;
import com.tikneuron.testsupport.BillingStandIn;
import com.tikneuron.testsupport.Settlements;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The protocol against a real PostgreSQL (claims), a real Kafka broker (settlements, read back as billing would) and
 * the billing stand-in speaking billing's hold API.
 */
@QuarkusTest
@WithTestResource(BillingResource.class)
class PaidCapabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static Settlements settlements;

    @Inject
    PaidCapability paid;

    @Inject
    WorkClaims claims;

    @Inject
    BillingClient billingClient;

    @Inject
    SettlementProducer producer;

    @Inject
    MeterRegistry meters;

    @Inject
    Pool pool;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeAll
    static void readSettlements() {
        settlements = new Settlements();
    }

    @AfterAll
    static void closeSettlements() {
        settlements.close();
    }

    @BeforeEach
    void normalBilling() {
        billing().refuseWith(0);
        billing().down(false);
        breakers.resetAll();
    }

    @Test
    void cacheHitIsFreeAndRecordedAsACachedUse() {
        Caller caller = caller();
        String video = video();
        Map<String, String> cache = TestWork.emptyCache();
        cache.put(video, "stored answer");
        AtomicInteger attempts = new AtomicInteger();

        Settled<String> settled = run(new TestWork(video, cache, attempts, attempt -> Uni.createFrom().item("fresh")), caller);

        assertEquals(new Settled<>("stored answer", true, 0, null), settled);
        assertEquals(0, attempts.get());
        assertTrue(billing().holds(caller.accountId()).isEmpty());
        JsonNode used = await().atMost(WAIT).until(() -> events(caller, "usage.cached"), list -> list.size() == 1).get(0);
        assertEquals(0, used.path("amount").asInt());
        assertEquals("testcap", used.path("capability").asText());
        assertEquals(caller.callId(), used.path("request_id").asText());
        assertEquals(caller.correlationId(), used.path("correlation_id").asText());
    }

    @Test
    void missHoldsWorksStoresAndCapturesThePrice() {
        Caller caller = caller();
        String video = video();
        Map<String, String> cache = TestWork.emptyCache();
        billing().balance(caller.accountId(), 10);

        Settled<String> settled = run(new TestWork(video, cache, new AtomicInteger(), attempt -> Uni.createFrom().item("fresh")), caller);

        assertEquals(new Settled<>("fresh", false, TestWork.PRICE, 10 - TestWork.PRICE), settled);
        assertEquals("fresh", cache.get(video));
        List<JsonNode> holds = billing().holds(caller.accountId());
        assertEquals(1, holds.size());
        assertEquals(TestWork.PRICE, holds.get(0).path("amount").asInt());
        assertEquals(caller.callId(), holds.get(0).path("request_id").asText());
        JsonNode captured = await().atMost(WAIT).until(() -> events(caller, "hold.captured"), list -> list.size() == 1).get(0);
        assertEquals(holds.get(0).path("hold_id").asText(), captured.path("hold_id").asText());
        assertTrue(events(caller, "hold.voided").isEmpty());
    }

    @Test
    void workThatFindsItsResultMadeMeanwhileVoidsItsHoldAndIsAnsweredAsACacheHit() {
        Caller caller = caller();
        String video = video();
        Map<String, String> cache = TestWork.emptyCache();
        billing().balance(caller.accountId(), 10);

        Settled<String> settled = run(new TestWork(video, cache, new AtomicInteger(),
                attempt -> Uni.createFrom().failure(new MadeMeanwhileException("made by another caller"))), caller);

        assertEquals(new Settled<>("made by another caller", true, 0, null), settled);
        assertEquals(null, cache.get(video), "a result kept elsewhere is not stored again here");
        assertEquals(1, billing().holds(caller.accountId()).size());
        JsonNode voided = await().atMost(WAIT).until(() -> events(caller, "hold.voided"), list -> list.size() == 1).get(0);
        assertEquals(MadeMeanwhileException.REASON, voided.path("reason").asText());
        await().atMost(WAIT).until(() -> events(caller, "usage.cached"), list -> list.size() == 1);
        assertTrue(events(caller, "hold.captured").isEmpty());
    }

    @Test
    void testKeysHoldButAreChargedNothing() {
        Caller caller = new Caller(UUID.randomUUID().toString(), "test", "call_" + UUID.randomUUID().toString().replace("-", ""),
                "req_test");
        Settled<String> settled = run(new TestWork(video(), TestWork.emptyCache(), new AtomicInteger(),
                attempt -> Uni.createFrom().item("fresh")), caller);
        assertEquals(0, settled.creditsCharged());
        assertFalse(settled.cached());
    }

    @Test
    void waitersRetryForThemselvesWhenTheLeaderFailsAndOnlyOneOfThemPays() {
        String video = video();
        Map<String, String> cache = TestWork.emptyCache();
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<String> firstAttempt = new CompletableFuture<>();
        TestWork work = new TestWork(video, cache, attempts, attempt -> attempt == 1
                ? Uni.createFrom().completionStage(firstAttempt)
                : Uni.createFrom().item("second try"));
        Caller leader = caller();
        Caller first = caller();
        Caller second = caller();

        CompletableFuture<Settled<String>> led = paid.run(work, leader).subscribeAsCompletionStage();
        await().atMost(WAIT).until(() -> attempts.get() == 1);
        CompletableFuture<Settled<String>> waited1 = paid.run(work, first).subscribeAsCompletionStage();
        CompletableFuture<Settled<String>> waited2 = paid.run(work, second).subscribeAsCompletionStage();
        firstAttempt.completeExceptionally(new ProcessingFailedException("The engine gave up"));

        ProcessingFailedException failure = assertInstanceOf(ProcessingFailedException.class,
                assertThrows(Exception.class, () -> led.get()).getCause());
        assertEquals("The engine gave up", failure.reason());
        assertEquals(100 - TestWork.PRICE, failure.creditsRemaining());
        Settled<String> one = waited1.join();
        Settled<String> other = waited2.join();
        assertEquals("second try", one.value());
        assertEquals("second try", other.value());
        assertEquals(1, (one.cached() ? 0 : 1) + (other.cached() ? 0 : 1), "exactly one waiter pays");
        assertEquals(TestWork.PRICE, one.creditsCharged() + other.creditsCharged());
        assertEquals(2, attempts.get());
        JsonNode voided = await().atMost(WAIT).until(() -> events(leader, "hold.voided"), list -> list.size() == 1).get(0);
        assertEquals("The engine gave up", voided.path("reason").asText());
        Caller payer = one.cached() ? second : first;
        await().atMost(WAIT).until(() -> events(payer, "hold.captured"), list -> list.size() == 1);
        assertEquals(1, billing().holds(payer.accountId()).size());
        assertTrue(billing().holds((one.cached() ? first : second).accountId()).isEmpty());
    }

    @Test
    void theQuoteNamesThePriceHeldAndCharged() {
        Caller caller = caller();
        billing().balance(caller.accountId(), 10);
        AtomicInteger quotes = new AtomicInteger();
        TestWork work = new TestWork(video(), TestWork.emptyCache(), new AtomicInteger(),
                attempt -> Uni.createFrom().item("priced")).quotedBy(() -> {
                    quotes.incrementAndGet();
                    return Uni.createFrom().item(7);
                });

        Settled<String> settled = run(work, caller);

        assertEquals(new Settled<>("priced", false, 7, 3), settled);
        assertEquals(1, quotes.get());
        assertEquals(7, billing().holds(caller.accountId()).get(0).path("amount").asInt());
        JsonNode captured = await().atMost(WAIT).until(() -> events(caller, "hold.captured"), list -> list.size() == 1).get(0);
        assertEquals(7, captured.path("amount").asInt());
    }

    @Test
    void aQuoteThatFindsNoResultAnswersEveryWaiterWithNothingHeld() {
        String video = video();
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger quotes = new AtomicInteger();
        CompletableFuture<Integer> quoted = new CompletableFuture<>();
        TestWork work = new TestWork(video, TestWork.emptyCache(), attempts, attempt -> Uni.createFrom().item("never"))
                .quotedBy(() -> {
                    quotes.incrementAndGet();
                    return Uni.createFrom().completionStage(quoted);
                });
        Caller leader = caller();
        Caller waiter = caller();

        CompletableFuture<Settled<String>> led = paid.run(work, leader).subscribeAsCompletionStage();
        await().atMost(WAIT).until(() -> quotes.get() == 1);
        CompletableFuture<Settled<String>> waited = paid.run(work, waiter).subscribeAsCompletionStage();
        quoted.completeExceptionally(new NoResultException("Nothing to sell for this video"));

        assertEquals("Nothing to sell for this video", assertInstanceOf(NoResultException.class,
                assertThrows(Exception.class, () -> led.get()).getCause()).getMessage());
        assertInstanceOf(NoResultException.class, assertThrows(Exception.class, () -> waited.get()).getCause());
        assertEquals(1, quotes.get(), "the waiter took the leader's answer instead of asking again");
        assertEquals(0, attempts.get());
        assertTrue(billing().holds(leader.accountId()).isEmpty());
        assertTrue(billing().holds(waiter.accountId()).isEmpty());
        assertEquals(0, claimRows(work.key()), "the claim was released");
        assertTrue(events(leader, "hold.voided").isEmpty() && events(leader, "usage.cached").isEmpty());
    }

    @Test
    void aQuotesOtherFailureIsToldAsTheWorkSaysWithNothingHeld() {
        Caller caller = caller();
        TestWork work = new TestWork(video(), TestWork.emptyCache(), new AtomicInteger(),
                attempt -> Uni.createFrom().item("never"))
                .quotedBy(() -> Uni.createFrom().failure(new IllegalStateException("page unreadable")));

        ProcessingFailedException failure = assertThrows(ProcessingFailedException.class, () -> run(work, caller));

        assertEquals("Internal error while processing the video", failure.reason());
        assertNull(failure.creditsRemaining(), "no hold was made");
        assertTrue(billing().holds(caller.accountId()).isEmpty());
    }

    @Test
    void aLookupThatKnowsThereIsNoResultAnswersSoFreeAndUnrecorded() {
        Caller caller = caller();
        AtomicInteger attempts = new AtomicInteger();
        String video = video();
        NoResultException none = new NoResultException("Known to have nothing");
        PaidWork<String> known = new PaidWork<>("testcap", video, "testcap|" + video, TestWork.PRICE) {
            @Override
            public Uni<String> lookup() {
                return Uni.createFrom().failure(none);
            }

            @Override
            public Uni<String> work(Hold hold) {
                attempts.incrementAndGet();
                return Uni.createFrom().item("never");
            }

            @Override
            public Uni<Void> store(String value) {
                return Uni.createFrom().voidItem();
            }
        };

        assertEquals(none, assertThrows(NoResultException.class, () -> paid.run(known, caller).await().atMost(WAIT)));
        assertEquals(0, attempts.get());
        assertTrue(billing().holds(caller.accountId()).isEmpty());
    }

    @Test
    void workThatFindsNoResultVoidsItsHoldWithTheMessage() {
        Caller caller = caller();
        TestWork work = new TestWork(video(), TestWork.emptyCache(), new AtomicInteger(),
                attempt -> Uni.createFrom().failure(new NoResultException("Nothing in there")));

        assertEquals("Nothing in there", assertThrows(NoResultException.class, () -> run(work, caller)).getMessage());

        assertEquals(1, billing().holds(caller.accountId()).size());
        JsonNode voided = await().atMost(WAIT).until(() -> events(caller, "hold.voided"), list -> list.size() == 1).get(0);
        assertEquals("Nothing in there", voided.path("reason").asText());
    }

    @Test
    void aClaimWhoseLeaseRanOutIsTakenOver() {
        String video = video();
        TestWork work = new TestWork(video, TestWork.emptyCache(), new AtomicInteger(), attempt -> Uni.createFrom().item("done"));
        // Another replica claimed the key and died: its lease runs out 3 s from now (long enough that a loaded
        // machine still sees the request waiting for a whole second before the lease ends).
        pool.preparedQuery("INSERT INTO paid_test.work_claims (claim_key, owner, expires_at)"
                + " VALUES ($1, 'dead-replica', now() + interval '3 seconds')")
                .execute(Tuple.of(work.key())).await().atMost(WAIT);
        Caller caller = caller();

        CompletableFuture<Settled<String>> answer = paid.run(work, caller).subscribeAsCompletionStage();

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !answer.isDone());
        assertTrue(billing().holds(caller.accountId()).isEmpty(), "no hold while another replica's claim is alive");
        Settled<String> settled = answer.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
        assertEquals(new Settled<>("done", false, TestWork.PRICE, 100 - TestWork.PRICE), settled);
        assertEquals(0, claimRows(work.key()), "the new owner released its claim");
    }

    @Test
    void aWaiterOnAnotherReplicasClaimIsAnsweredFromItsResultAsCachedAndFree() {
        String video = video();
        Map<String, String> cache = TestWork.emptyCache();
        TestWork work = new TestWork(video, cache, new AtomicInteger(), attempt -> Uni.createFrom().item("mine"));
        claims.claim(work.key(), "other-replica", Duration.ofSeconds(30)).await().atMost(WAIT);
        Caller caller = caller();

        CompletableFuture<Settled<String>> answer = paid.run(work, caller).subscribeAsCompletionStage();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !answer.isDone());
        cache.put(video, "theirs");

        assertEquals(new Settled<>("theirs", true, 0, null), answer.orTimeout(WAIT.toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS).join());
        assertTrue(billing().holds(caller.accountId()).isEmpty());
        claims.release(work.key(), "other-replica").await().atMost(WAIT);
    }

    @Test
    void onlyTheOwnerReleasesAClaimAndATakenOverClaimStaysWithItsNewOwner() {
        String key = "testcap|" + video();
        assertTrue(claims.claim(key, "a", Duration.ofSeconds(30)).await().atMost(WAIT));
        assertFalse(claims.claim(key, "b", Duration.ofSeconds(30)).await().atMost(WAIT));
        assertFalse(claims.release(key, "b").await().atMost(WAIT), "b does not own it");
        assertFalse(claims.claim(key, "c", Duration.ofSeconds(30)).await().atMost(WAIT), "a still holds it");
        assertTrue(claims.release(key, "a").await().atMost(WAIT));
        assertTrue(claims.claim(key, "c", Duration.ofMillis(1)).await().atMost(WAIT));

        await().atMost(WAIT).until(() -> claims.claim(key, "d", Duration.ofSeconds(30)).await().atMost(WAIT));
        assertFalse(claims.release(key, "c").await().atMost(WAIT), "c's lease ran out and d took over");
        assertEquals(1, claimRows(key));
        assertTrue(claims.release(key, "d").await().atMost(WAIT));
        assertEquals(0, claimRows(key));
    }

    @Test
    void aCancelledRequestVoidsItsHoldAndReleasesItsClaim() {
        Caller caller = caller();
        AtomicInteger attempts = new AtomicInteger();
        TestWork work = new TestWork(video(), TestWork.emptyCache(), attempts, attempt -> Uni.createFrom().nothing());
        AtomicReference<Object> outcome = new AtomicReference<>();

        Cancellable running = paid.run(work, caller).subscribe().with(outcome::set, outcome::set);
        await().atMost(WAIT).until(() -> attempts.get() == 1);
        running.cancel();

        JsonNode voided = await().atMost(WAIT).until(() -> events(caller, "hold.voided"), list -> list.size() == 1).get(0);
        assertEquals(PaidCapability.CANCELLED, voided.path("reason").asText());
        assertEquals(billing().holds(caller.accountId()).get(0).path("hold_id").asText(), voided.path("hold_id").asText());
        assertNull(outcome.get());
        await().atMost(WAIT).until(() -> claimRows(work.key()) == 0);
        assertTrue(events(caller, "hold.captured").isEmpty());
    }

    @Test
    void aCaptureTheBrokerDidNotAcknowledgeAnswers503AndVoids() {
        SettlementProducer real = ClientProxy.unwrap(producer);
        QuarkusMock.installMockForType(new SettlementProducer(null, null, null, meters) {
            @Override
            public Uni<Void> captured(String capability, Hold hold, String videoId, Caller caller) {
                return Uni.createFrom().failure(new IllegalStateException("not acknowledged"));
            }

            @Override
            public Uni<Void> voided(String capability, Hold hold, String videoId, Caller caller, String reason) {
                return real.voided(capability, hold, videoId, caller, reason);
            }

            @Override
            public void cachedUse(String capability, String videoId, Caller caller) {
                real.cachedUse(capability, videoId, caller);
            }
        }, SettlementProducer.class);
        Caller caller = caller();
        String video = video();
        Map<String, String> cache = TestWork.emptyCache();

        Exception thrown = assertThrows(Exception.class, () -> paid.run(new TestWork(video, cache, new AtomicInteger(),
                attempt -> Uni.createFrom().item("done")), caller).await().atMost(WAIT));

        ServiceUnavailableException unavailable = assertInstanceOf(ServiceUnavailableException.class, thrown);
        assertEquals(PaidCapability.CAPTURE_NOT_RECORDED, unavailable.getMessage());
        assertEquals(100 - TestWork.PRICE, unavailable.creditsRemaining());
        JsonNode voided = await().atMost(WAIT).until(() -> events(caller, "hold.voided"), list -> list.size() == 1).get(0);
        assertEquals(PaidCapability.CAPTURE_NOT_RECORDED, voided.path("reason").asText());
        assertEquals("done", cache.get(video), "the result stays cached: the next call gets it free");
    }

    @Test
    void insufficientCreditsIsAnsweredAsSuchWithoutWork() {
        Caller caller = caller();
        billing().balance(caller.accountId(), TestWork.PRICE - 1);
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(InsufficientCreditsException.class, () -> paid.run(new TestWork(video(), TestWork.emptyCache(),
                attempts, attempt -> Uni.createFrom().item("done")), caller).await().atMost(WAIT));
        assertEquals(0, attempts.get());
    }

    @Test
    void aHoldOfACallAlreadyRefundedIsAnsweredAsSuchWithoutWorkRetriesOrTheBreaker() {
        Caller caller = caller();
        // The caller gave up on the call and had it refunded before this replica got to its hold
        given().contentType(ContentType.JSON).body("{}")
                .post(billing().baseUrl() + "/internal/v1/accounts/" + caller.accountId() + "/calls/" + caller.callId()
                        + "/refund")
                .then().statusCode(200);
        AtomicInteger attempts = new AtomicInteger();
        int before = billing().requests();

        for (int i = 0; i < 30; i++) {
            Throwable refused = assertThrows(Exception.class, () -> paid.run(new TestWork(video(),
                    TestWork.emptyCache(), attempts, attempt -> Uni.createFrom().item("done")), caller).await().atMost(WAIT));
            assertInstanceOf(CallRefundedException.class, refused, "run " + i);
        }

        assertEquals(0, attempts.get(), "no work for a refunded call");
        assertEquals(30, billing().requests() - before, "one hold request per run: no retries");
        assertEquals(TestWork.PRICE, billingClient.hold(holdRequest()).await().atMost(WAIT).amount(),
                "the breaker stayed closed");
        RestResponse<ErrorResponse> answer = new PaidExceptionMappers().callRefunded(new CallRefundedException(), null);
        assertEquals(409, answer.getStatus());
        assertEquals("call_refunded", answer.getEntity().errorCode());
        assertEquals("0", answer.getHeaderString(CreditHeaders.CHARGED));
    }

    @ParameterizedTest
    @ValueSource(ints = { 402, 404, 409, 422 })
    void billingsDefiniteAnswersAreNeitherRetriedNorCountedByTheBreaker(int status) {
        billing().refuseWith(status);
        int before = billing().requests();
        for (int i = 0; i < 30; i++) {
            Throwable refused = assertThrows(Exception.class, () -> billingClient.hold(holdRequest()).await().atMost(WAIT));
            assertFalse(refused instanceof CircuitBreakerOpenException, "call " + i + " found the breaker open");
            assertTrue(status == 402 ? refused instanceof InsufficientCreditsException
                    : refused instanceof BillingRejectedException rejected && rejected.status() == status, refused.toString());
        }
        assertEquals(30, billing().requests() - before, "one request per hold: no retries");
        billing().refuseWith(0);
        assertEquals(TestWork.PRICE, billingClient.hold(holdRequest()).await().atMost(WAIT).amount());
    }

    @Test
    void billingFaultsAreRetriedAndOpenTheBreaker() {
        billing().refuseWith(503);
        int before = billing().requests();
        assertInstanceOf(UpstreamException.class, assertThrows(Exception.class,
                () -> billingClient.hold(holdRequest()).await().atMost(WAIT)));
        assertEquals(3, billing().requests() - before, "the first try and two retries");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                billingClient.hold(holdRequest()).await().atMost(WAIT);
                return false;
            } catch (CircuitBreakerOpenException open) {
                return true;
            } catch (RuntimeException fault) {
                return false;
            }
        });
        int whileOpen = billing().requests();
        assertThrows(CircuitBreakerOpenException.class, () -> billingClient.hold(holdRequest()).await().atMost(WAIT));
        assertEquals(whileOpen, billing().requests(), "an open breaker does not call billing");
        Caller caller = caller();
        ServiceUnavailableException unavailable = assertThrows(ServiceUnavailableException.class, () -> paid.run(
                new TestWork(video(), TestWork.emptyCache(), new AtomicInteger(), attempt -> Uni.createFrom().item("x")),
                caller).await().atMost(WAIT));
        assertEquals(PaidCapability.BILLING_UNAVAILABLE, unavailable.getMessage());
    }

    private Settled<String> run(TestWork work, Caller caller) {
        return paid.run(work, caller).await().atMost(WAIT);
    }

    private static HoldRequest holdRequest() {
        return new HoldRequest("testcap:" + UUID.randomUUID(), UUID.randomUUID().toString(), TestWork.PRICE, "testcap",
                video(), "call_" + UUID.randomUUID().toString().replace("-", ""), null, "live");
    }

    private long claimRows(String key) {
        return pool.preparedQuery("SELECT count(*) FROM paid_test.work_claims WHERE claim_key = $1")
                .execute(Tuple.of(key)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private static List<JsonNode> events(Caller caller, String type) {
        return settlements.forAccount(caller.accountId()).stream().map(Settlements.Event::value)
                .filter(event -> event != null && type.equals(event.path("type").asText())).toList();
    }

    private static Caller caller() {
        return Caller.fromHeaders(UUID.randomUUID().toString(), "live", null, null);
    }

    private static String video() {
        return Long.toString(7_000_000_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));
    }

    private static BillingStandIn billing() {
        return BillingResource.billing();
    }
}

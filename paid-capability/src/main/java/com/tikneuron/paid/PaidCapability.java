package com.tikneuron.paid;

import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.tikneuron.paid.billing.BillingClient;
import com.tikneuron.paid.billing.Hold;
import com.tikneuron.paid.billing.HoldRequest;
import com.tikneuron.paid.claim.WorkClaims;
import com.tikneuron.paid.messaging.SettlementProducer;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The money protocol of every paid capability, written once (docs/ARCHITECTURE.md, "Paid capability protocol"):
 * <ul>
 * <li>a cache hit is free and recorded as a usage.cached event; a cache that knows there is no result
 * ({@link NoResultException}) answers so, free and unrecorded;</li>
 * <li>on a miss one request per key leads: in memory on this replica, and across replicas by a leased, owner-checked
 * claim in the service's own schema. The others wait and are answered from the leader's result as cached, free; when
 * the leader fails or its caller goes away, they try for themselves;</li>
 * <li>the leader asks the work for its price ({@link PaidWork#quote()}, free work that may find nothing to sell),
 * holds it, works, stores and captures; any failure or cancellation after the hold voids it
 * with the reason; a capture the broker did not acknowledge answers 503 and voids; work that finds its result made
 * meanwhile by another request ({@link MadeMeanwhileException}) voids and is answered as a cache hit.</li>
 * </ul>
 */
@ApplicationScoped
public class PaidCapability {

    private static final Logger LOG = Logger.getLogger(PaidCapability.class);

    public static final String BILLING_UNAVAILABLE = "The billing service is unavailable, please retry later";
    public static final String CAPTURE_NOT_RECORDED =
            "Billing could not record this request; nothing was charged. Please retry shortly";
    public static final String CANCELLED = "The request was cancelled";

    private final BillingClient billing;
    private final SettlementProducer settlements;
    private final WorkClaims claims;
    private final PaidConfig config;
    // Identical uncached requests in flight on this replica: the first one works and pays, the others wait for it.
    private final ConcurrentMap<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

    public PaidCapability(BillingClient billing, SettlementProducer settlements, WorkClaims claims, PaidConfig config) {
        this.billing = billing;
        this.settlements = settlements;
        this.claims = claims;
        this.config = config;
    }

    /** Answers one paid request: from the cache, from an identical request's work, or from its own paid work. */
    public <V> Uni<Settled<V>> run(PaidWork<V> work, Caller caller) {
        return lookup(work).chain(cached -> cached != null ? free(work, caller, cached) : coalesced(work, caller, true));
    }

    @SuppressWarnings("unchecked")
    private <V> Uni<Settled<V>> coalesced(PaidWork<V> work, Caller caller, boolean mayWait) {
        String key = work.capability() + "|" + work.key();
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = mayWait ? inFlight.putIfAbsent(key, mine) : null;
        if (running != null) {
            return await(running).onItemOrFailure().transformToUni((value, failure) -> {
                if (failure == null) {
                    return free(work, caller, (V) value);
                }
                // "No result" is about the video, so it is ours too; the leader's other failures (its credits, its
                // caller hanging up) need not be: then we try for ourselves.
                return failure instanceof NoResultException ? Uni.createFrom().<Settled<V>>failure(failure)
                        : coalesced(work, caller, false);
            });
        }
        Uni<Settled<V>> lead = acrossReplicas(work, caller);
        if (!mayWait) {
            return lead;
        }
        return lead
                .invoke(settled -> mine.complete(settled.value()))
                .onFailure().invoke(mine::completeExceptionally)
                .onCancellation().invoke(() -> mine.completeExceptionally(new CancellationException("caller went away")))
                .onTermination().invoke(() -> inFlight.remove(key, mine));
    }

    /**
     * Across replicas: the request that claims the key does the work; one that finds it claimed elsewhere looks at the
     * cache again after a pause, until the result is there or the claim is released or its lease runs out.
     */
    private <V> Uni<Settled<V>> acrossReplicas(PaidWork<V> work, Caller caller) {
        return lookup(work).chain(cached -> {
            if (cached != null) {
                return free(work, caller, cached);
            }
            String owner = UUID.randomUUID().toString();
            return claim(work, owner).chain(claimed -> claimed
                    ? claimed(work, caller).eventually(() -> release(work, owner))
                    : Uni.createFrom().voidItem().onItem().delayIt().by(config.claimPoll())
                            .chain(() -> acrossReplicas(work, caller)));
        });
    }

    /**
     * With the claim: the cache once more first, because the previous owner may have stored its result and released
     * the claim between this request's lookup and its claim.
     */
    private <V> Uni<Settled<V>> claimed(PaidWork<V> work, Caller caller) {
        return lookup(work).chain(cached -> cached != null ? free(work, caller, cached) : paid(work, caller));
    }

    private Uni<Boolean> claim(PaidWork<?> work, String owner) {
        // Without the database no cached answer can be served either: working unclaimed is the better fallback.
        return Uni.createFrom().deferred(() -> claims.claim(work.key(), owner, config.claimLease()))
                .onFailure().invoke(failure -> LOG.errorf("%s claim failed: %s", work.capability(), failure.getMessage()))
                .onFailure().recoverWithItem(true);
    }

    private Uni<Void> release(PaidWork<?> work, String owner) {
        return Uni.createFrom().deferred(() -> claims.release(work.key(), owner))
                .invoke(released -> {
                    if (!released) {
                        LOG.warnf("%s claim %s had been taken over before it was released", work.capability(), work.key());
                    }
                })
                .onFailure().invoke(failure -> LOG.warnf("%s claim not released (its lease will run out): %s",
                        work.capability(), failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private <V> Uni<V> lookup(PaidWork<V> work) {
        return Uni.createFrom().deferred(work::lookup).onFailure(failure -> !answered(failure)).transform(failure -> {
            LOG.errorf(failure, "%s cache lookup failed", work.capability());
            return new ServiceUnavailableException("The " + work.capability()
                    + " service is temporarily unavailable, please retry later");
        });
    }

    private <V> Uni<Settled<V>> free(PaidWork<V> work, Caller caller, V value) {
        // The usage record is for the customer's history: it is sent without waiting, and losing it withholds nothing.
        settlements.cachedUse(work.capability(), work.videoId(), caller);
        return Uni.createFrom().item(Settled.free(value));
    }

    private <V> Uni<Settled<V>> paid(PaidWork<V> work, Caller caller) {
        // Nothing is held yet: a failure of the quote is answered as it is, or as the work tells it.
        return Uni.createFrom().deferred(work::quote)
                .onFailure(failure -> !answered(failure)).transform(work::failure)
                .chain(price -> held(work, caller, price));
    }

    @SuppressWarnings("unchecked")
    private <V> Uni<Settled<V>> held(PaidWork<V> work, Caller caller, int price) {
        String holdId = work.capability() + ":" + UUID.randomUUID();
        HoldRequest request = new HoldRequest(holdId, caller.accountId(), price, work.capability(), work.videoId(),
                caller.callId(), caller.correlationId(), caller.mode());
        return billing.hold(request)
                .onFailure(failure -> !(failure instanceof InsufficientCreditsException
                        || failure instanceof CallRefundedException)).transform(failure -> {
                    LOG.errorf("hold not made: %s", failure.getMessage());
                    return new ServiceUnavailableException(BILLING_UNAVAILABLE);
                })
                .onFailure(CallRefundedException.class).invoke(() -> LOG.infof(
                        "call %s was refunded before its hold was made: its work is not done", caller.callId()))
                // Logged under the request id, so on-call can go from a customer's request to billing's call id.
                .invoke(hold -> LOG.infof("hold %s made for call %s", hold.holdId(), caller.callId()))
                .chain(hold -> Uni.createFrom().deferred(() -> work.work(hold))
                        .call(value -> store(work, value))
                        // The caller hung up (a gateway timeout, say): refund now rather than when the hold expires.
                        .onCancellation().call(() -> voidHold(work, hold, caller, CANCELLED))
                        .onFailure().transform(failure -> customerFailure(work, failure, hold))
                        .onFailure().call(failure -> voidHold(work, hold, caller, failure.getMessage()))
                        .chain(value -> capture(work, hold, caller, value))
                        // Made by another request meanwhile: the hold is voided above; the answer is a cache hit's.
                        .onFailure(MadeMeanwhileException.class).recoverWithUni(failure -> free(work, caller,
                                (V) ((MadeMeanwhileException) failure).made())));
    }

    private <V> Uni<Void> store(PaidWork<V> work, V value) {
        return Uni.createFrom().deferred(() -> work.store(value))
                .onFailure().invoke(failure -> LOG.errorf(failure, "%s of video %s not cached", work.capability(), work.videoId()))
                .onFailure().recoverWithNull();
    }

    private <V> Uni<Settled<V>> capture(PaidWork<V> work, Hold hold, Caller caller, V value) {
        int charged = "test".equals(hold.mode()) ? 0 : hold.amount();
        return settlements.captured(work.capability(), hold, work.videoId(), caller)
                // A success is always charged: without a durable capture the caller is told it failed, the hold is
                // voided (or expires), and the result, already cached, is free on the next call.
                .onFailure().invoke(failure -> LOG.errorf("capture of hold %s not published: %s", hold.holdId(), failure.getMessage()))
                .onFailure().call(failure -> voidHold(work, hold, caller, CAPTURE_NOT_RECORDED))
                .onFailure().transform(failure -> new ServiceUnavailableException(CAPTURE_NOT_RECORDED, hold.credits()))
                .replaceWith(() -> new Settled<>(value, false, charged, hold.credits()));
    }

    private Uni<Void> voidHold(PaidWork<?> work, Hold hold, Caller caller, String reason) {
        return settlements.voided(work.capability(), hold, work.videoId(), caller, reason)
                // An unpublished void still ends in a refund: billing voids the hold when it expires.
                .onFailure().invoke(error -> LOG.errorf("void of hold %s not published: %s", hold.holdId(), error.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** The protocol's own answers, told to the customer as they are. */
    private static boolean answered(Throwable failure) {
        return failure instanceof NoResultException || failure instanceof ProcessingFailedException
                || failure instanceof ServiceUnavailableException;
    }

    /** One answer per failure kind, with the account's credits after the hold; its message is the void's reason. */
    private static RuntimeException customerFailure(PaidWork<?> work, Throwable failure, Hold hold) {
        if (failure instanceof MadeMeanwhileException meanwhile) {
            return meanwhile;
        }
        Throwable told = answered(failure) ? failure : work.failure(failure);
        if (told instanceof ProcessingFailedException processing) {
            return new ProcessingFailedException(processing.reason(), hold.credits());
        }
        if (told instanceof ServiceUnavailableException unavailable) {
            return new ServiceUnavailableException(unavailable.getMessage(), hold.credits());
        }
        return told instanceof RuntimeException runtime ? runtime : new ProcessingFailedException(told.getMessage(), hold.credits());
    }

    /** Waits for another request's work, resuming on this request's own Vert.x context. */
    private static <T> Uni<T> await(CompletableFuture<T> future) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> future.whenComplete((value, failure) -> {
            Runnable deliver = () -> {
                if (failure != null) {
                    emitter.fail(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
                } else {
                    emitter.complete(value);
                }
            };
            if (context != null) {
                context.runOnContext(ignored -> deliver.run());
            } else {
                deliver.run();
            }
        }));
    }
}

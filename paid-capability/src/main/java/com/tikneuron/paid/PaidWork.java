package com.tikneuron.paid;

import org.jboss.logging.Logger;

import com.tikneuron.paid.billing.Hold;

import io.smallrye.mutiny.Uni;

/**
 * What one paid request asks of its capability service; {@link PaidCapability} does the rest (coalescing, claims,
 * hold, capture or void, settlement events). {@code V} is what the service caches and answers from.
 */
public interface PaidWork<V> {

    /** The capability's name in holds and settlement events: subtitle, summary, diarization. */
    String capability();

    /** The video the request is about, for the hold and the settlement events. */
    String videoId();

    /**
     * What identifies the result: requests with the same key get the same answer, so only one of them works and pays.
     * At most 512 characters.
     */
    String key();

    /** The price of this request in credits (may depend on the request). */
    int price();

    /** The cached result, or a null item on a miss. A failure here answers 503 with no hold. */
    Uni<V> lookup();

    /**
     * The paid work, after the hold. A {@link ProcessingFailedException} or {@link ServiceUnavailableException} is
     * answered as it is; anything else goes through {@link #failure(Throwable)}. Every failure voids the hold.
     */
    Uni<V> work(Hold hold);

    /** Stores a fresh result in the cache. A failure is logged and does not fail the request. */
    Uni<Void> store(V value);

    /**
     * The customer's answer to a failure of {@link #work(Hold)} that is neither of the protocol's two failure types;
     * its message is also the void's reason. The default is an internal error told as a processing failure.
     */
    default RuntimeException failure(Throwable failure) {
        Logger.getLogger(PaidWork.class).errorf(failure, "%s failed unexpectedly", capability());
        return new ProcessingFailedException("Internal error while processing the video");
    }
}

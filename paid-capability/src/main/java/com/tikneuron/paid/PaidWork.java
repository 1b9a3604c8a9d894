package com.tikneuron.paid;

import org.jboss.logging.Logger;

import com.tikneuron.paid.billing.Hold;

import io.smallrye.mutiny.Uni;

/**
 * What one paid request asks of its capability service; {@link PaidCapability} does the rest (coalescing, claims,
 * hold, capture or void, settlement events). {@code V} is what the service caches and answers from.
 */
public abstract class PaidWork<V> {

    /** The longest claim key the claim tables take. */
    public static final int MAX_KEY_LENGTH = 512;

    private final String capability;
    private final String videoId;
    private final String key;
    private final int price;

    /**
     * @param capability the capability's name in holds and settlement events: subtitle, summary, diarization
     * @param videoId the video the request is about, for the hold and the settlement events
     * @param key what identifies the result: requests with the same key get the same answer, so only one of them
     *        works and pays (at most {@value #MAX_KEY_LENGTH} characters)
     * @param price the price of this request in credits (it may depend on the request; {@link #quote()} may tell
     *        another once the request leads)
     */
    protected PaidWork(String capability, String videoId, String key, int price) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a claim key is at most " + MAX_KEY_LENGTH + " characters");
        }
        this.capability = capability;
        this.videoId = videoId;
        this.key = key;
        this.price = price;
    }

    public final String capability() {
        return capability;
    }

    public final String videoId() {
        return videoId;
    }

    public final String key() {
        return key;
    }

    public final int price() {
        return price;
    }

    /**
     * The cached result, or a null item on a miss. A {@link NoResultException}, {@link ProcessingFailedException} or
     * {@link ServiceUnavailableException} is answered as it is; any other failure answers 503. No hold is made.
     */
    public abstract Uni<V> lookup();

    /**
     * The price to hold, asked by the request that leads the work, after its claim and its last look at the cache and
     * just before the hold. The default is the price given to the constructor. A service may do free work here first
     * (read the video's page, learn how long it is) to find the price, or to find that the request has nothing to sell:
     * a failure answers the request with nothing held ({@link NoResultException}, {@link ProcessingFailedException}
     * and {@link ServiceUnavailableException} as they are, anything else through {@link #failure(Throwable)}).
     */
    public Uni<Integer> quote() {
        return Uni.createFrom().item(price);
    }

    /**
     * The paid work, after the hold. A {@link ProcessingFailedException}, {@link ServiceUnavailableException} or
     * {@link NoResultException} is answered as it is; anything else goes through {@link #failure(Throwable)}. Every
     * failure voids the hold.
     */
    public abstract Uni<V> work(Hold hold);

    /** Stores a fresh result in the cache. A failure is logged and does not fail the request. */
    public abstract Uni<Void> store(V value);

    /**
     * The customer's answer to a failure of {@link #work(Hold)} or {@link #quote()} that is none of the protocol's
     * failure types;
     * its message is also the void's reason. The default is an internal error told as a processing failure.
     */
    public RuntimeException failure(Throwable failure) {
        Logger.getLogger(PaidWork.class).errorf(failure, "%s failed unexpectedly", capability);
        return new ProcessingFailedException("Internal error while processing the video");
    }
}

package com.tikneuron.paid;

/**
 * Told by {@link PaidWork#work} when what it held credits to make was made by another request meanwhile and came back
 * from the cache of the service that keeps it (a speech service's transcript, say): {@link PaidCapability} voids the
 * hold with this reason and answers the result free, as cached, with a usage.cached event, as it answers a cache hit.
 */
public final class MadeMeanwhileException extends RuntimeException {

    public static final String REASON = "Made by another request meanwhile: answered from the cache";

    private final transient Object made;

    public MadeMeanwhileException(Object made) {
        super(REASON, null, false, false);
        this.made = made;
    }

    /** The result the other request made. */
    public Object made() {
        return made;
    }
}

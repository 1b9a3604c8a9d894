package com.tikneuron.paid;

/**
 * The capability knows, without paid work or once its work has run, that this request has no result (a video without
 * captions, a recording without speech). Nothing is charged: raised by {@link PaidWork#lookup()} or
 * {@link PaidWork#quote()} it is answered with nothing held, raised by {@link PaidWork#work} the hold is voided. It is
 * about the video, not the caller, so requests waiting for the same work get the same answer. The service maps its
 * subclasses to its own public body.
 */
public class NoResultException extends RuntimeException {

    public NoResultException(String message) {
        super(message, null, false, false);
    }
}

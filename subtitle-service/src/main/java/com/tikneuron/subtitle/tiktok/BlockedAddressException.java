package com.tikneuron.subtitle.tiktok;

/** A fetch refused before any byte left: the URL is off the allow-list or its host resolves to a non-public address. */
public class BlockedAddressException extends RuntimeException {

    public BlockedAddressException(String message) {
        super(message, null, false, false);
    }
}

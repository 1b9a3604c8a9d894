package com.tikneuron.subtitle.rest;

/** The public contract's body for a call without a valid key. */
public record InvalidKeyBody(boolean success, String error, String requestId) {
}

package com.tikneuron.subtitle.rest;

/** The error body of the public contract and the internal API, with the request id added. */
public record ErrorBody(String errorCode, String message, String requestId) {
}

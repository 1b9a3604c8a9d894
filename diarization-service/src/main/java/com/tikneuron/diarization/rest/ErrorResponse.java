package com.tikneuron.diarization.rest;

/** The public error body. */
public record ErrorResponse(String errorCode, String message, String requestId) {
}

package com.tikneuron.diarization.rest;

import java.util.List;
import java.util.Map;

/** The public contract's 422 body for invalid request fields. */
public record ValidationErrorResponse(String message, Map<String, List<String>> errors, String requestId) {
}

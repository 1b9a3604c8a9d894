package com.tikneuron.subtitle.rest;

import java.util.List;
import java.util.Map;

/** The public contract's validation error body: {@code {"message": "The given data was invalid.", "errors": {field: [..]}}}. */
public record ValidationErrorBody(String message, Map<String, List<String>> errors, String requestId) {
}

package com.tikneuron.billing.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.tikneuron.billing.service.ApiException;

/** Small checks shared by the resources: ids from paths, page sizes, field errors collected all at once. */
final class Requests {

    private Requests() {
    }

    /** A path id that is not a UUID names nothing that exists. */
    static UUID pathId(String value, String code, String message) {
        UUID id = uuidOrNull(value);
        if (id == null) {
            throw ApiException.notFound(code, message);
        }
        return id;
    }

    /** The UUID the value spells, or null when it spells none. */
    static UUID uuidOrNull(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return 20;
        }
        if (limit < 1 || limit > 100) {
            throw ApiException.invalid(Map.of("limit", List.of("The limit must be between 1 and 100.")));
        }
        return limit;
    }

    /** Collects every failing field, then fails once with all of them. */
    static final class FieldErrors {
        private final Map<String, List<String>> errors = new LinkedHashMap<>();

        void add(String field, String message) {
            errors.put(field, List.of(message));
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
        }
    }
}
